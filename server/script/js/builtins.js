// ES2015+ library built-ins that Duktape 2.7 lacks (iterators,
// Array/String/Object additions, a stable Array.prototype.sort; Map and Set
// are in collections.js) and helpers shared by the other prelude files.
// Loaded first; see promise.js for the loading convention.
'use strict';

function define(target, methods) {
  for (var name in methods) {
    if (Object.prototype.hasOwnProperty.call(methods, name)) {
      Object.defineProperty(target, name, {
        value: methods[name], writable: true, enumerable: false, configurable: true
      });
    }
  }
}
function defineIfMissing(target, methods) {
  for (var name in methods) {
    if (Object.prototype.hasOwnProperty.call(methods, name) && !(name in target)) {
      var m = {};
      m[name] = methods[name];
      define(target, m);
    }
  }
}
I.define = define;

// Math functions as node rounds them (math_natives.h, I.math), before
// core-js looks for them: Math.cbrt(27) is 3, not 3.0000000000000004.
(function () {
  for (var name in I.math) {
    var fn = I.math[name];
    Object.defineProperty(fn, 'name', { value: name, configurable: true });
    Object.defineProperty(fn, 'length', { value: 1, configurable: true });
    var m = {};
    m[name] = fn;
    define(Math, m);
  }
})();

// GetSubstitution for a match without captures: $$, $&, $` and $'.
function substitute(matched, position, str, replacement) {
  if (replacement.indexOf('$') === -1) return replacement;
  var result = '';
  for (var i = 0; i < replacement.length; i++) {
    var c = replacement.charAt(i);
    var next = replacement.charAt(i + 1);
    if (c === '$' && next === '$') { result += '$'; i++; }
    else if (c === '$' && next === '&') { result += matched; i++; }
    else if (c === '$' && next === '`') { result += str.slice(0, position); i++; }
    else if (c === '$' && next === "'") { result += str.slice(position + matched.length); i++; }
    else result += c;
  }
  return result;
}

function toObject(x, what) {
  if (x === null || x === undefined) throw new TypeError(what + ' called on null or undefined');
  return Object(x);
}
function toLength(x) {
  var n = Math.trunc(Number(x));
  if (!(n > 0)) return 0;
  return Math.min(n, 9007199254740991);
}
function toInteger(x) {
  var n = Math.trunc(Number(x));
  return n !== n ? 0 : n;
}
function relativeIndex(i, len, dflt) {
  if (i === undefined) return dflt;
  var n = toInteger(i);
  return n < 0 ? Math.max(len + n, 0) : Math.min(n, len);
}
function sameValueZero(a, b) {
  return a === b || (a !== a && b !== b);
}
function callable(fn, what) {
  if (typeof fn !== 'function') throw new TypeError(I.describe(fn) + ' is not a function');
  return fn;
}


// Calls fn(value) for each value of an iterable (iterator protocol, with
// IteratorClose when fn throws), or of an array-like without one.
I.iterate = function (iterable, fn) {
  if (iterable === null || iterable === undefined) {
    throw new TypeError(String(iterable) + ' is not iterable (cannot read property Symbol(Symbol.iterator))');
  }
  var method = Object(iterable)[Symbol.iterator];
  if (method === undefined && Object.prototype.toString.call(iterable) === '[object Arguments]') {
    method = Array.prototype.values;
  }
  if (typeof method !== 'function') {
    throw new TypeError(I.describe(iterable) + ' is not iterable');
  }
  var it = method.call(iterable);
  if (it === null || typeof it !== 'object') throw new TypeError('Result of the Symbol.iterator method is not an object');
  var next = it.next;
  for (;;) {
    var step = next.call(it);
    if (step === null || typeof step !== 'object') throw new TypeError('Iterator result ' + step + ' is not an object');
    if (step.done) return;
    try {
      fn(step.value);
    } catch (e) {
      var ret = it['return'];
      if (typeof ret === 'function') {
        try { ret.call(it); } catch (ignored) { /* the first error wins */ }
      }
      throw e;
    }
  }
};

// Short description of a value for error messages, like V8's.
I.describe = function (x) {
  if (typeof x === 'string') return "'" + x + "'";
  if (typeof x === 'function') return 'function ' + (x.name || '(anonymous)');
  if (x === null || typeof x !== 'object') return String(x);
  if (Array.isArray(x)) return 'an instance of Array';
  var C = x.constructor;
  return 'an instance of ' + ((C && C.name) || 'Object');
};


// ---- Iterators. -------------------------------------------------------------
if (Symbol.asyncIterator === undefined) {
  Object.defineProperty(Symbol, 'asyncIterator', { value: Symbol('Symbol.asyncIterator') });
}
if (Object.getOwnPropertyDescriptor(Symbol.prototype, 'description') === undefined) {
  Object.defineProperty(Symbol.prototype, 'description', {
    get: function () {
      var s = Symbol.prototype.toString.call(this);
      return s.length > 8 ? s.slice(7, -1) : undefined;
    },
    configurable: true
  });
}

var IteratorPrototype = {};
IteratorPrototype[Symbol.iterator] = function () { return this; };
I.IteratorPrototype = IteratorPrototype;

// An iterator over a list-like source: `step(source, index)` returns the
// value at index, or `DONE` past the end (re-checked on every call, so
// arrays growing during iteration are followed, as in the spec).
var DONE = {};
function ListIterator(source, step, tag) {
  this._source = source;
  this._index = 0;
  this._step = step;
  if (tag !== undefined) Object.defineProperty(this, Symbol.toStringTag, { value: tag });
}
ListIterator.prototype = Object.create(IteratorPrototype);
define(ListIterator.prototype, {
  next: function next() {
    if (this._source === undefined) return { value: undefined, done: true };
    var v = this._step(this._source, this._index);
    if (v === DONE) {
      this._source = undefined;
      return { value: undefined, done: true };
    }
    this._index++;
    return { value: v, done: false };
  }
});
function arrayValue(a, i) { return i < toLength(a.length) ? a[i] : DONE; }
function arrayKey(a, i) { return i < toLength(a.length) ? i : DONE; }
function arrayEntry(a, i) { return i < toLength(a.length) ? [i, a[i]] : DONE; }

define(Array.prototype, {
  values: function values() { return new ListIterator(toObject(this, 'values'), arrayValue, 'Array Iterator'); },
  keys: function keys() { return new ListIterator(toObject(this, 'keys'), arrayKey, 'Array Iterator'); },
  entries: function entries() { return new ListIterator(toObject(this, 'entries'), arrayEntry, 'Array Iterator'); }
});
Object.defineProperty(Array.prototype, Symbol.iterator, {
  value: Array.prototype.values, writable: true, configurable: true
});

function stringCodePoint(s, i) {
  if (i >= s.length) return DONE;
  var c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    var d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return s.slice(i, i + 2);
  }
  return s.charAt(i);
}
function StringIterator(s) { this._s = s; this._i = 0; }
StringIterator.prototype = Object.create(IteratorPrototype);
define(StringIterator.prototype, {
  next: function next() {
    var ch = stringCodePoint(this._s, this._i);
    if (ch === DONE) return { value: undefined, done: true };
    this._i += ch.length;
    return { value: ch, done: false };
  }
});
Object.defineProperty(StringIterator.prototype, Symbol.toStringTag, { value: 'String Iterator' });
Object.defineProperty(String.prototype, Symbol.iterator, {
  value: function () { return new StringIterator(String(toObject(this, 'String.prototype[Symbol.iterator]'))); },
  writable: true, configurable: true
});

// ---- Array. -----------------------------------------------------------------
function iterableToArray(items) {
  var out = [];
  I.iterate(items, function (v) { out.push(v); });
  return out;
}

defineIfMissing(Array, {
  from: function from(items, mapFn, thisArg) {
    if (mapFn !== undefined) callable(mapFn);
    var src = toObject(items, 'Array.from');
    var list = typeof src[Symbol.iterator] === 'function' ? iterableToArray(items) : src;
    var len = toLength(list.length);
    var out = [];
    for (var i = 0; i < len; i++) {
      out[i] = mapFn === undefined ? list[i] : mapFn.call(thisArg, list[i], i);
    }
    return out;
  },
  of: function of() { return Array.prototype.slice.call(arguments); }
});

function findFrom(o, pred, thisArg, fromEnd) {
  callable(pred);
  var len = toLength(o.length);
  for (var k = 0; k < len; k++) {
    var i = fromEnd ? len - 1 - k : k;
    if (pred.call(thisArg, o[i], i, o)) return i;
  }
  return -1;
}

function flatten(target, source, depth, mapFn, thisArg) {
  var len = toLength(source.length);
  for (var i = 0; i < len; i++) {
    if (!(i in source)) continue;
    var el = mapFn ? mapFn.call(thisArg, source[i], i, source) : source[i];
    if (depth > 0 && Array.isArray(el)) flatten(target, el, depth - 1);
    else target.push(el);
  }
  return target;
}

defineIfMissing(Array.prototype, {
  find: function find(pred, thisArg) {
    var o = toObject(this, 'find');
    var i = findFrom(o, pred, thisArg, false);
    return i < 0 ? undefined : o[i];
  },
  findIndex: function findIndex(pred, thisArg) { return findFrom(toObject(this, 'findIndex'), pred, thisArg, false); },
  findLast: function findLast(pred, thisArg) {
    var o = toObject(this, 'findLast');
    var i = findFrom(o, pred, thisArg, true);
    return i < 0 ? undefined : o[i];
  },
  findLastIndex: function findLastIndex(pred, thisArg) { return findFrom(toObject(this, 'findLastIndex'), pred, thisArg, true); },
  includes: function includes(x, fromIndex) {
    var o = toObject(this, 'includes');
    var len = toLength(o.length);
    for (var i = relativeIndex(fromIndex, len, 0); i < len; i++) {
      if (sameValueZero(o[i], x)) return true;
    }
    return false;
  },
  fill: function fill(value, start, end) {
    var o = toObject(this, 'fill');
    var len = toLength(o.length);
    for (var i = relativeIndex(start, len, 0), e = relativeIndex(end, len, len); i < e; i++) o[i] = value;
    return o;
  },
  at: function at(index) {
    var o = toObject(this, 'at');
    var len = toLength(o.length);
    var i = toInteger(index);
    if (i < 0) i += len;
    return i < 0 || i >= len ? undefined : o[i];
  },
  flat: function flat(depth) {
    return flatten([], toObject(this, 'flat'), depth === undefined ? 1 : toInteger(depth));
  },
  flatMap: function flatMap(fn, thisArg) {
    return flatten([], toObject(this, 'flatMap'), 1, callable(fn), thisArg);
  },
  copyWithin: function copyWithin(target, start, end) {
    var o = toObject(this, 'copyWithin');
    var len = toLength(o.length);
    var to = relativeIndex(target, len, 0);
    var from = relativeIndex(start, len, 0);
    var count = Math.min(relativeIndex(end, len, len) - from, len - to);
    var copy = Array.prototype.slice.call(o, from, from + Math.max(count, 0));
    for (var i = 0; i < copy.length; i++) o[to + i] = copy[i];
    return o;
  },
  toReversed: function toReversed() { return Array.prototype.slice.call(toObject(this, 'toReversed')).reverse(); },
  toSorted: function toSorted(cmp) { return Array.prototype.slice.call(toObject(this, 'toSorted')).sort(cmp); },
  toSpliced: function toSpliced() {
    var copy = Array.prototype.slice.call(toObject(this, 'toSpliced'));
    Array.prototype.splice.apply(copy, arguments);
    return copy;
  },
  'with': function (index, value) {
    var copy = Array.prototype.slice.call(toObject(this, 'with'));
    var i = toInteger(index);
    if (i < 0) i += copy.length;
    if (i < 0 || i >= copy.length) throw new RangeError('Invalid index : ' + index);
    copy[i] = value;
    return copy;
  }
});

// Stable sort (ES2019 requires it; Duktape's is not): a merge sort of the
// values, undefineds last, holes removed to the end, as in the spec.
function defaultCompare(a, b) {
  var x = String(a);
  var y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
function mergeSort(list, cmp, tmp, lo, hi) {
  if (hi - lo <= 8) {
    for (var i = lo + 1; i < hi; i++) {
      var v = list[i];
      var j = i - 1;
      while (j >= lo && cmp(list[j], v) > 0) {
        list[j + 1] = list[j];
        j--;
      }
      list[j + 1] = v;
    }
    return;
  }
  var mid = (lo + hi) >>> 1;
  mergeSort(list, cmp, tmp, lo, mid);
  mergeSort(list, cmp, tmp, mid, hi);
  if (cmp(list[mid - 1], list[mid]) <= 0) return;
  for (var k = lo; k < mid; k++) tmp[k] = list[k];
  var a = lo;
  var b = mid;
  var out = lo;
  while (a < mid && b < hi) list[out++] = cmp(list[b], tmp[a]) < 0 ? list[b++] : tmp[a++];
  while (a < mid) list[out++] = tmp[a++];
}
define(Array.prototype, {
  sort: function sort(comparefn) {
    if (comparefn !== undefined && typeof comparefn !== 'function') {
      throw new TypeError('The comparison function must be either a function or undefined');
    }
    var o = toObject(this, 'sort');
    var len = toLength(o.length);
    var values = [];
    var undefs = 0;
    for (var i = 0; i < len; i++) {
      if (!(i in o)) continue;
      var v = o[i];
      if (v === undefined) undefs++;
      else values.push(v);
    }
    var cmp = comparefn === undefined ? defaultCompare : function (x, y) {
      var r = Number(comparefn(x, y));
      return r !== r ? 0 : r;
    };
    mergeSort(values, cmp, new Array(values.length), 0, values.length);
    var n = 0;
    for (; n < values.length; n++) o[n] = values[n];
    for (var u = 0; u < undefs; u++) o[n++] = undefined;
    for (; n < len; n++) delete o[n];
    return o;
  }
});

// ---- String. ----------------------------------------------------------------
function pad(s, maxLength, fill, atStart) {
  var str = String(toObject(s, 'pad'));
  var target = toLength(maxLength);
  var filler = fill === undefined ? ' ' : String(fill);
  if (target <= str.length || filler === '') return str;
  var need = target - str.length;
  var padding = filler.repeat(Math.ceil(need / filler.length)).slice(0, need);
  return atStart ? padding + str : str + padding;
}
var WS = '[\\s\\uFEFF\\xA0]';
var leadingWs = new RegExp('^' + WS + '+');
var trailingWs = new RegExp(WS + '+$');
defineIfMissing(String.prototype, {
  padStart: function padStart(n, fill) { return pad(this, n, fill, true); },
  padEnd: function padEnd(n, fill) { return pad(this, n, fill, false); },
  trimStart: function trimStart() { return String(toObject(this, 'trimStart')).replace(leadingWs, ''); },
  trimEnd: function trimEnd() { return String(toObject(this, 'trimEnd')).replace(trailingWs, ''); },
  at: function at(index) {
    var s = String(toObject(this, 'at'));
    var i = toInteger(index);
    if (i < 0) i += s.length;
    return i < 0 || i >= s.length ? undefined : s.charAt(i);
  },
  replaceAll: function replaceAll(search, replacement) {
    var s = String(toObject(this, 'replaceAll'));
    if (search instanceof RegExp) {
      if (!search.global) throw new TypeError('replaceAll must be called with a global RegExp');
      return s.replace(search, replacement);
    }
    var needle = String(search);
    var isFn = typeof replacement === 'function';
    if (!isFn) replacement = String(replacement);
    // Every match, left to right; an empty needle matches at each index,
    // the end included.
    var advance = Math.max(1, needle.length);
    var out = '';
    var end = 0;
    for (var pos = s.indexOf(needle, 0); pos !== -1;
         pos = pos + advance > s.length ? -1 : s.indexOf(needle, pos + advance)) {
      out += s.slice(end, pos);
      out += isFn ? String(replacement(needle, pos, s))
                  : substitute(needle, pos, s, replacement);
      end = pos + needle.length;
    }
    return out + s.slice(end);
  }
});
define(String.prototype, {
  trimLeft: String.prototype.trimStart,
  trimRight: String.prototype.trimEnd
});
defineIfMissing(String, {
  raw: function raw(strings) {
    var r = toObject(toObject(strings, 'String.raw').raw, 'String.raw');
    var len = toLength(r.length);
    var out = '';
    for (var i = 0; i < len; i++) {
      out += String(r[i]);
      if (i + 1 < len && i + 1 < arguments.length) out += String(arguments[i + 1]);
    }
    return out;
  }
});

// ---- Object. ----------------------------------------------------------------
defineIfMissing(Object, {
  entries: function entries(o) {
    var obj = toObject(o, 'Object.entries');
    return Object.keys(obj).map(function (k) { return [k, obj[k]]; });
  },
  values: function values(o) {
    var obj = toObject(o, 'Object.values');
    return Object.keys(obj).map(function (k) { return obj[k]; });
  },
  fromEntries: function fromEntries(iterable) {
    var out = {};
    I.iterate(iterable, function (entry) {
      if (entry === null || typeof entry !== 'object') {
        throw new TypeError('Iterator value ' + entry + ' is not an entry object');
      }
      out[entry[0]] = entry[1];
    });
    return out;
  },
  getOwnPropertyDescriptors: function getOwnPropertyDescriptors(o) {
    var obj = toObject(o, 'Object.getOwnPropertyDescriptors');
    var out = {};
    var keys = Object.getOwnPropertyNames(obj).concat(Object.getOwnPropertySymbols(obj));
    for (var i = 0; i < keys.length; i++) out[keys[i]] = Object.getOwnPropertyDescriptor(obj, keys[i]);
    return out;
  },
  hasOwn: function hasOwn(o, key) {
    return Object.prototype.hasOwnProperty.call(toObject(o, 'Object.hasOwn'), key);
  }
});

// Dates print as node prints them: toUTCString (and toGMTString, the same
// function) in RFC 7231 form.
(function () {
  var days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  var months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep',
                'Oct', 'Nov', 'Dec'];
  function pad(n, width) {
    var text = String(n);
    while (text.length < width) text = '0' + text;
    return text;
  }
  var getTime = Date.prototype.getTime;
  function toUTCString() {
    var t = getTime.call(this);
    if (t !== t) return 'Invalid Date';
    var d = this;
    var year = d.getUTCFullYear();
    return days[d.getUTCDay()] + ', ' + pad(d.getUTCDate(), 2) + ' ' +
        months[d.getUTCMonth()] + ' ' + (year < 0 ? '-' : '') +
        pad(Math.abs(year), 4) + ' ' + pad(d.getUTCHours(), 2) + ':' +
        pad(d.getUTCMinutes(), 2) + ':' + pad(d.getUTCSeconds(), 2) + ' GMT';
  }
  Object.defineProperty(Date.prototype, 'toUTCString',
      { value: toUTCString, writable: true, configurable: true });
  Object.defineProperty(Date.prototype, 'toGMTString',
      { value: toUTCString, writable: true, configurable: true });
})();
