// The helpers that lowered code calls without any state of the runtime:
// a sync program needs these and nothing else of __runy (the differential
// test of the lowering preloads this very file into node). Loaded like
// promise.js; async.js freezes R after.
'use strict';

// An assignment to a const (the lowering finds them).
R.constAssign = function (name) {
  throw new TypeError('Assignment to constant variable.');
};

// The name node infers for an anonymous function from the declaration,
// assignment or property that holds it.
R.name = function (fn, name) {
  Object.defineProperty(fn, 'name', { value: name, configurable: true });
  return fn;
};

// A let/const read before its declaration ran.
R.deadZone = function (name) {
  throw new ReferenceError("Cannot access '" + name + "' before initialization");
};

// The built-in array iterator: arrays that still use it are read by index
// (a program may replace Array.prototype[Symbol.iterator]; then not).
var arrayValues = Array.prototype[Symbol.iterator];

// Spread: `...x` in calls, `new` and arrays. R.spreadOf marks an argument
// or element whose items R.spread splices in.
function Spread(items) {
  this.items = items;
}

// The items of an iterable, as spreading reads them: arrays, strings, Map,
// Set and anything with a Symbol.iterator; `arguments` by index.
R.items = function (x, what) {
  if (x != null && Object.prototype.toString.call(x) === '[object Arguments]') {
    return Array.prototype.slice.call(x);
  }
  var next = x == null ? undefined : x[Symbol.iterator];
  if (typeof next !== 'function') {
    throw new TypeError(
      what === undefined
        ? 'Spread syntax requires ...iterable[Symbol.iterator] to be a function'
        : what + ' is not iterable');
  }
  if (Array.isArray(x) && next === arrayValues) {
    return Array.prototype.slice.call(x);
  }
  var it = next.call(x);
  var out = [];
  for (var step = it.next(); !step.done; step = it.next()) {
    out.push(step.value);
  }
  return out;
};

R.spreadOf = function (x, what) {
  return new Spread(R.items(x, what));
};

// The array `list` stands for, its Spread entries spliced in; holes stay.
R.spread = function (list) {
  var out = [];
  for (var i = 0; i < list.length; i++) {
    if (!(i in list)) {
      out.length++;
    } else if (list[i] instanceof Spread) {
      var items = list[i].items;
      for (var j = 0; j < items.length; j++) out.push(items[j]);
    } else {
      out.push(list[i]);
    }
  }
  return out;
};

R.apply = function (fn, self, args) {
  if (typeof fn !== 'function') throw new TypeError(typeof fn + ' is not a function');
  return fn.apply(self, args);
};

// o.m(...args) and o[k](...args).
R.invoke = function (object, key, args) {
  var fn = object[key];
  if (typeof fn !== 'function') {
    throw new TypeError('object.' + String(key) + ' is not a function');
  }
  return fn.apply(object, args);
};

// new F(...args).
R.construct = function (F, args) {
  if (typeof F !== 'function') throw new TypeError(typeof F + ' is not a constructor');
  return new (Function.prototype.bind.apply(F, [null].concat(args)))();
};

// An object literal with computed keys: `target` holds the properties
// before the first one; each later argument is either a literal of plain
// properties (copied with their getters and setters), [key, value],
// [key, fn, "get" | "set"], [0, v, "proto"] for `__proto__: v`, or
// [source] for `...source`.
R.computed = function (target) {
  for (var i = 1; i < arguments.length; i++) {
    var part = arguments[i];
    if (!Array.isArray(part)) {
      var names = Object.getOwnPropertyNames(part);
      for (var j = 0; j < names.length; j++) {
        Object.defineProperty(target, names[j],
                              Object.getOwnPropertyDescriptor(part, names[j]));
      }
      continue;
    }
    if (part.length === 1) {
      // ...source: its own enumerable properties, read as values.
      var source = part[0];
      if (source == null) continue;
      if (typeof source === 'string') source = Object(source);
      var own = Object.keys(source);
      for (var m = 0; m < own.length; m++) {
        Object.defineProperty(target, own[m], {
          value: source[own[m]], writable: true, enumerable: true, configurable: true
        });
      }
      var syms = Object.getOwnPropertySymbols ? Object.getOwnPropertySymbols(Object(source)) : [];
      for (var q = 0; q < syms.length; q++) {
        if (Object.getOwnPropertyDescriptor(source, syms[q]).enumerable) {
          Object.defineProperty(target, syms[q], {
            value: source[syms[q]], writable: true, enumerable: true, configurable: true
          });
        }
      }
      continue;
    }
    if (part[2] === 'proto') {
      // __proto__: v
      if (part[1] === null || typeof part[1] === 'object' || typeof part[1] === 'function') {
        Object.setPrototypeOf(target, part[1]);
      }
      continue;
    }
    var key = part[0];
    if (typeof key !== 'symbol') key = String(key);
    var value = part[1];
    if (typeof value === 'function' && value.name === '') {
      R.name(value, typeof key === 'symbol'
        ? (key.description === undefined ? '' : '[' + key.description + ']')
        : (part.length > 2 ? part[2] + ' ' + key : key));
    }
    if (part.length > 2) {
      var old = Object.getOwnPropertyDescriptor(target, key);
      var d = { enumerable: true, configurable: true };
      if (old && !('value' in old)) { d.get = old.get; d.set = old.set; }
      d[part[2]] = value;
      Object.defineProperty(target, key, d);
    } else {
      Object.defineProperty(target, key, {
        value: value, writable: true, enumerable: true, configurable: true
      });
    }
  }
  return target;
};

// Destructuring: an object pattern reads from anything but null and
// undefined; an array pattern takes the first `n` items of an iterable
// (all of them for -1), closing the iterator it leaves unfinished.
R.need = function (value) {
  if (value == null) {
    throw new TypeError("Cannot destructure '" + value + "' as it is " +
                        (value === null ? 'null' : 'undefined') + '.');
  }
  return value;
};

R.take = function (x, n) {
  if (n < 0) return R.items(x, typeof x);
  if (x != null && Array.isArray(x) && x[Symbol.iterator] === arrayValues) {
    return Array.prototype.slice.call(x, 0, n);
  }
  if (x != null && Object.prototype.toString.call(x) === '[object Arguments]') {
    return Array.prototype.slice.call(x, 0, n);
  }
  var next = x == null ? undefined : x[Symbol.iterator];
  if (typeof next !== 'function') {
    throw new TypeError((x === null || x === undefined ? String(x) : typeof x) +
                        ' is not iterable');
  }
  var it = next.call(x);
  var out = [];
  while (out.length < n) {
    var step = it.next();
    if (step.done) return out;
    out.push(step.value);
  }
  if (typeof it['return'] === 'function') it['return']();
  return out;
};

R.key = function (k) {
  return typeof k === 'symbol' ? k : String(k);
};

// The own enumerable properties of `object` but `keys`, for `...rest`.
R.rest = function (object, keys) {
  var out = {};
  var names = Object.keys(object);
  for (var i = 0; i < names.length; i++) {
    if (keys.indexOf(names[i]) < 0) out[names[i]] = object[names[i]];
  }
  var symbols = Object.getOwnPropertySymbols ? Object.getOwnPropertySymbols(object) : [];
  for (var j = 0; j < symbols.length; j++) {
    var d = Object.getOwnPropertyDescriptor(object, symbols[j]);
    if (d.enumerable && keys.indexOf(symbols[j]) < 0) out[symbols[j]] = object[symbols[j]];
  }
  return out;
};

// The iterator `for (x of xs)` walks: arrays, strings, Map, Set and anything
// with a Symbol.iterator; `arguments` by index.
R.iter = function (x) {
  if (x != null && Object.prototype.toString.call(x) === '[object Arguments]') {
    return arrayValues.call(x);
  }
  var next = x == null ? undefined : x[Symbol.iterator];
  if (typeof next !== 'function') {
    throw new TypeError((x === null || x === undefined ? String(x) : typeof x) +
                        ' is not iterable');
  }
  return next.call(x);
};

// A for...of left early: by a break or return (R.close: an error of
// return() is thrown, and so is a result that is not an object) or by a
// throw (R.closeQuietly: the loop's own error wins).
R.close = function (it) {
  var close = it['return'];
  if (close === undefined || close === null) return;
  var result = close.call(it);
  if (result === null || (typeof result !== 'object' && typeof result !== 'function')) {
    throw new TypeError('Iterator result ' + String(result) + ' is not an object');
  }
};

R.closeQuietly = function (it) {
  try {
    var close = it['return'];
    if (close !== undefined && close !== null) close.call(it);
  } catch (e) {
    // The error that left the loop is the one thrown.
  }
};

// The strings of a tagged template: one frozen array (with its frozen
// `raw`) per site, `site` naming it (file:offset).
var templateSites = Object.create(null);
R.template = function (site, cooked, raw) {
  var strings = templateSites[site];
  if (strings === undefined) {
    Object.defineProperty(cooked, 'raw', { value: Object.freeze(raw) });
    strings = templateSites[site] = Object.freeze(cooked);
  }
  return strings;
};
