// Map, Set, WeakMap and WeakSet (ES2015), missing from Duktape 2.7.
// Loaded after builtins.js (I.define, I.iterate, I.describe, IteratorPrototype
// via I.IteratorPrototype); see promise.js for the loading convention.
'use strict';

var define = I.define;
var IteratorPrototype = I.IteratorPrototype;
function sameValueZero(a, b) {
  return a === b || (a !== a && b !== b);
}
function callable(fn) {
  if (typeof fn !== 'function') throw new TypeError(I.describe(fn) + ' is not a function');
  return fn;
}

// ---- Map and Set: insertion-ordered hash tables. -----------------------------
// Entries live in one array (a linked list would be as deep as the map is
// long, and Duktape's mark phase is slow on deep structures). A delete marks
// the entry removed; compaction drops removed entries, renumbers the others
// (`i`) and links each dropped one to the live entry before it (`before`), so
// an iterator can find its place again from the entry it returned last.
var OBJECT_ID = I.hidden('objectId');
var TABLE = I.hidden('collectionTable');
var nextObjectId = 1;

function Table(kind) {
  this.kind = kind;
  this.index = {};
  this.slow = [];  // entries whose keys cannot carry an id (frozen objects, symbols)
  this.list = [];
  this.removed = 0;
  this.epoch = 0;
  this.size = 0;
}
function keyOf(key) {
  switch (typeof key) {
    case 'string': return 's' + key;
    case 'number': return key === 0 ? 'n0' : 'n' + key;
    case 'boolean': return key ? 'true' : 'false';
    case 'undefined': return 'u';
    case 'symbol': return undefined;
    default:
      if (key === null) return 'null';
      if (Object.prototype.hasOwnProperty.call(key, OBJECT_ID)) return 'o' + key[OBJECT_ID];
      return undefined;
  }
}
function assignKey(key) {
  if ((typeof key !== 'object' && typeof key !== 'function') || !Object.isExtensible(key)) return undefined;
  var id = nextObjectId++;
  Object.defineProperty(key, OBJECT_ID, { value: id });
  return 'o' + id;
}
Table.prototype.find = function (key) {
  var k = keyOf(key);
  if (k !== undefined) return this.index[k];
  for (var i = 0; i < this.slow.length; i++) {
    if (sameValueZero(this.slow[i].key, key)) return this.slow[i];
  }
  return undefined;
};
Table.prototype.add = function (key, value) {
  if (key === 0) key = 0;  // -0 becomes +0
  var k = keyOf(key);
  if (k === undefined) k = assignKey(key);
  var e = { key: key, value: value, removed: false, dropped: false, i: this.list.length, before: null };
  if (k === undefined) this.slow.push(e);
  else this.index[k] = e;
  this.list.push(e);
  this.size++;
};
Table.prototype.remove = function (e) {
  var k = keyOf(e.key);
  if (k !== undefined) delete this.index[k];
  else this.slow.splice(this.slow.indexOf(e), 1);
  e.removed = true;
  this.size--;
  this.removed++;
  if (this.removed > 16 && this.removed * 2 > this.list.length) this.compact();
};
Table.prototype.compact = function () {
  var live = [];
  for (var i = 0; i < this.list.length; i++) {
    var e = this.list[i];
    if (e.removed) {
      e.dropped = true;
      e.before = live.length === 0 ? null : live[live.length - 1];
    } else {
      e.i = live.length;
      live.push(e);
    }
  }
  this.list = live;
  this.removed = 0;
  this.epoch++;
};
Table.prototype.clear = function () {
  for (var i = 0; i < this.list.length; i++) {
    this.list[i].removed = true;
    this.list[i].dropped = true;
    this.list[i].before = null;
  }
  this.index = {};
  this.slow = [];
  this.list = [];
  this.removed = 0;
  this.size = 0;
  this.epoch++;
};

function table(self, what) {
  var t = self !== null && typeof self === 'object' ? self[TABLE] : undefined;
  if (t === undefined || t.kind !== what) {
    throw new TypeError('Method ' + what + '.prototype function called on incompatible receiver ' + I.describe(self));
  }
  return t;
}
I.collectionEntries = function (c) {
  var t = c !== null && typeof c === 'object' ? c[TABLE] : undefined;
  if (t === undefined || (t.kind !== 'Map' && t.kind !== 'Set')) return undefined;
  var out = [];
  for (var i = 0; i < t.list.length; i++) {
    var e = t.list[i];
    if (!e.removed) out.push(t.kind === 'Map' ? [e.key, e.value] : e.key);
  }
  return { kind: t.kind, entries: out };
};

function CollectionIterator(t, kind, tag) {
  this._table = t;
  this._epoch = t.epoch;
  this._pos = 0;         // next index of t.list to look at
  this._anchor = null;   // the entry returned last: resume point after a compaction
  this._kind = kind;     // 0 keys, 1 values, 2 entries
  Object.defineProperty(this, Symbol.toStringTag, { value: tag });
}
CollectionIterator.prototype = Object.create(IteratorPrototype);
define(CollectionIterator.prototype, {
  next: function next() {
    var t = this._table;
    if (t === undefined) return { value: undefined, done: true };
    if (this._epoch !== t.epoch) {
      var a = this._anchor;
      while (a !== null && a.dropped) a = a.before;
      this._pos = a === null ? 0 : a.i + 1;
      this._epoch = t.epoch;
    }
    var list = t.list;
    while (this._pos < list.length && list[this._pos].removed) this._pos++;
    if (this._pos >= list.length) {
      this._table = undefined;
      return { value: undefined, done: true };
    }
    var e = list[this._pos++];
    this._anchor = e;
    var v = this._kind === 0 ? e.key : this._kind === 1 ? e.value : [e.key, e.value];
    return { value: v, done: false };
  }
});

function initCollection(self, kind, iterable, adder) {
  if (!(self instanceof Object) || self[TABLE] !== undefined) {
    throw new TypeError('Constructor ' + kind + " requires 'new'");
  }
  var t = new Table(kind);
  Object.defineProperty(self, TABLE, { value: t });
  if (iterable !== undefined && iterable !== null) {
    var add = callable(self[adder]);
    I.iterate(iterable, function (v) {
      if (kind === 'Map') {
        if (v === null || typeof v !== 'object') throw new TypeError('Iterator value ' + v + ' is not an entry object');
        add.call(self, v[0], v[1]);
      } else {
        add.call(self, v);
      }
    });
  }
}

function Map(iterable) { initCollection(this, 'Map', iterable, 'set'); }
define(Map.prototype, {
  get: function get(key) {
    var e = table(this, 'Map').find(key);
    return e === undefined ? undefined : e.value;
  },
  set: function set(key, value) {
    var t = table(this, 'Map');
    var e = t.find(key);
    if (e !== undefined) e.value = value;
    else t.add(key, value);
    return this;
  },
  has: function has(key) { return table(this, 'Map').find(key) !== undefined; },
  'delete': function (key) {
    var t = table(this, 'Map');
    var e = t.find(key);
    if (e === undefined) return false;
    t.remove(e);
    return true;
  },
  clear: function clear() { table(this, 'Map').clear(); },
  forEach: function forEach(fn, thisArg) {
    var it = new CollectionIterator(table(this, 'Map'), 2, 'Map Iterator');
    callable(fn);
    for (var step = it.next(); !step.done; step = it.next()) fn.call(thisArg, step.value[1], step.value[0], this);
  },
  keys: function keys() { return new CollectionIterator(table(this, 'Map'), 0, 'Map Iterator'); },
  values: function values() { return new CollectionIterator(table(this, 'Map'), 1, 'Map Iterator'); },
  entries: function entries() { return new CollectionIterator(table(this, 'Map'), 2, 'Map Entries'); }
});
Object.defineProperty(Map.prototype, 'size', {
  get: function () { return table(this, 'Map').size; }, configurable: true
});
Object.defineProperty(Map.prototype, Symbol.iterator, { value: Map.prototype.entries, writable: true, configurable: true });
Object.defineProperty(Map.prototype, Symbol.toStringTag, { value: 'Map', configurable: true });

function Set(iterable) { initCollection(this, 'Set', iterable, 'add'); }
define(Set.prototype, {
  add: function add(value) {
    var t = table(this, 'Set');
    if (t.find(value) === undefined) t.add(value, value);
    return this;
  },
  has: function has(value) { return table(this, 'Set').find(value) !== undefined; },
  'delete': function (value) {
    var t = table(this, 'Set');
    var e = t.find(value);
    if (e === undefined) return false;
    t.remove(e);
    return true;
  },
  clear: function clear() { table(this, 'Set').clear(); },
  forEach: function forEach(fn, thisArg) {
    var it = new CollectionIterator(table(this, 'Set'), 0, 'Set Iterator');
    callable(fn);
    for (var step = it.next(); !step.done; step = it.next()) fn.call(thisArg, step.value, step.value, this);
  },
  values: function values() { return new CollectionIterator(table(this, 'Set'), 0, 'Set Iterator'); },
  entries: function entries() { return new CollectionIterator(table(this, 'Set'), 2, 'Set Entries'); }
});
define(Set.prototype, { keys: Set.prototype.values });
Object.defineProperty(Set.prototype, 'size', {
  get: function () { return table(this, 'Set').size; }, configurable: true
});
Object.defineProperty(Set.prototype, Symbol.iterator, { value: Set.prototype.values, writable: true, configurable: true });
Object.defineProperty(Set.prototype, Symbol.toStringTag, { value: 'Set', configurable: true });

// WeakMap/WeakSet: the value lives on the key object (under a hidden
// per-collection symbol), so it is collected with the key.
var nextWeakId = 1;
function weakSlot(self, kind) {
  var slot = self !== null && typeof self === 'object' ? self[TABLE] : undefined;
  if (slot === undefined || slot.kind !== kind) {
    throw new TypeError('Method ' + kind + '.prototype function called on incompatible receiver ' + I.describe(self));
  }
  return slot;
}
function checkWeakKey(key) {
  if (key === null || (typeof key !== 'object' && typeof key !== 'function')) {
    throw new TypeError('Invalid value used as weak map key');
  }
  if (!Object.isExtensible(key)) throw new TypeError('runy: frozen or sealed objects cannot be WeakMap/WeakSet keys');
}
function initWeak(self, kind, iterable, adder) {
  if (!(self instanceof Object) || self[TABLE] !== undefined) {
    throw new TypeError('Constructor ' + kind + " requires 'new'");
  }
  Object.defineProperty(self, TABLE, { value: { kind: kind, key: I.hidden('weak' + nextWeakId++) } });
  if (iterable !== undefined && iterable !== null) {
    I.iterate(iterable, function (v) {
      if (kind === 'WeakMap') self.set(v[0], v[1]);
      else self.add(v);
    });
  }
}
function weakHas(slot, key) {
  return key !== null && (typeof key === 'object' || typeof key === 'function') &&
         Object.prototype.hasOwnProperty.call(key, slot.key);
}
function WeakMap(iterable) { initWeak(this, 'WeakMap', iterable); }
define(WeakMap.prototype, {
  get: function get(key) {
    var s = weakSlot(this, 'WeakMap');
    return weakHas(s, key) ? key[s.key] : undefined;
  },
  set: function set(key, value) {
    var s = weakSlot(this, 'WeakMap');
    checkWeakKey(key);
    Object.defineProperty(key, s.key, { value: value, writable: true, configurable: true });
    return this;
  },
  has: function has(key) { return weakHas(weakSlot(this, 'WeakMap'), key); },
  'delete': function (key) {
    var s = weakSlot(this, 'WeakMap');
    return weakHas(s, key) && delete key[s.key];
  }
});
Object.defineProperty(WeakMap.prototype, Symbol.toStringTag, { value: 'WeakMap', configurable: true });
function WeakSet(iterable) { initWeak(this, 'WeakSet', iterable); }
define(WeakSet.prototype, {
  add: function add(value) {
    var s = weakSlot(this, 'WeakSet');
    checkWeakKey(value);
    Object.defineProperty(value, s.key, { value: true, configurable: true });
    return this;
  },
  has: function has(value) { return weakHas(weakSlot(this, 'WeakSet'), value); },
  'delete': function (value) {
    var s = weakSlot(this, 'WeakSet');
    return weakHas(s, value) && delete value[s.key];
  }
});
Object.defineProperty(WeakSet.prototype, Symbol.toStringTag, { value: 'WeakSet', configurable: true });
I.weakKind = function (x) {
  var s = x !== null && typeof x === 'object' ? x[TABLE] : undefined;
  return s !== undefined && (s.kind === 'WeakMap' || s.kind === 'WeakSet') ? s.kind : undefined;
};

define(global, { Map: Map, Set: Set, WeakMap: WeakMap, WeakSet: WeakSet });
