// Generators on Duktape coroutines, like async functions (async.js): each
// call of a generator function makes a generator whose body runs in a
// Duktape.Thread of its own from the first next() on. `yield x` yields the
// thread back to next(); gen.throw(e) resumes it with e thrown at the yield,
// gen.return(v) with a GeneratorReturn thrown there, which the body's catch
// clauses pass on (__runy.rethrowReturn, added by the lowering) so that only
// its finally clauses run.
'use strict';

var Thread = Duktape.Thread;
var STATE = I.hidden('generatorState');
var MARKED = I.hidden('generatorFunction');

var SUSPENDED_START = 0, SUSPENDED_YIELD = 1, EXECUTING = 2, COMPLETED = 3;
var NEXT = 0, THROW = 1, RETURN = 2;

function isObject(x) {
  return x !== null && (typeof x === 'object' || typeof x === 'function');
}

function GeneratorReturn(value) {
  this.value = value;
}

R.rethrowReturn = function (e) {
  if (e instanceof GeneratorReturn) throw e;
};

// %IteratorPrototype%: the one core-js gives array iterators (a runyd
// built without core-js has none: then one of its own).
var arrayIterator = Array.prototype[Symbol.iterator];
var IteratorPrototype = arrayIterator
  ? Object.getPrototypeOf(Object.getPrototypeOf(arrayIterator.call([])))
  : Object.create(Object.prototype, {});
if (typeof IteratorPrototype[Symbol.iterator] !== 'function') {
  Object.defineProperty(IteratorPrototype, Symbol.iterator, {
    value: function () { return this; }, writable: true, configurable: true
  });
}
var GeneratorPrototype = Object.create(IteratorPrototype);
var GeneratorFunctionPrototype = Object.create(Function.prototype);
function hiddenValue(o, key, value) {
  Object.defineProperty(o, key, { value: value, writable: false, enumerable: false, configurable: true });
}
hiddenValue(GeneratorFunctionPrototype, 'prototype', GeneratorPrototype);
hiddenValue(GeneratorPrototype, 'constructor', GeneratorFunctionPrototype);
hiddenValue(GeneratorPrototype, Symbol.toStringTag, 'Generator');
hiddenValue(GeneratorFunctionPrototype, Symbol.toStringTag, 'GeneratorFunction');

// Marks `fn` a generator function: its prototype, and the prototype of the
// generators it makes. The lowering gives an anonymous one a name of the
// form __runy_gN to refer to itself; it has none.
function mark(fn) {
  if (Object.prototype.hasOwnProperty.call(fn, MARKED)) return fn;
  Object.defineProperty(fn, MARKED, { value: true });
  Object.setPrototypeOf(fn, GeneratorFunctionPrototype);
  Object.defineProperty(fn, 'prototype', { value: Object.create(GeneratorPrototype) });
  if (/^__runy_g\d+$/.test(fn.name)) R.name(fn, '');
  return fn;
}
R.genFn = mark;

// States of the generators running now, innermost last.
var running = [];

function entry(state) {
  return state.fn.apply(state.self, state.args);
}

// __runy.generator(fn, self, args, outer, newTarget): the body of every
// lowered generator function `outer`.
R.generator = function (fn, self, args, outer, newTarget) {
  if (newTarget !== undefined) {
    throw new TypeError((outer.name || 'anonymous') + ' is not a constructor');
  }
  mark(outer);
  var proto = isObject(outer.prototype) ? outer.prototype : GeneratorPrototype;
  var gen = Object.create(proto);
  Object.defineProperty(gen, STATE, {
    value: {
      state: SUSPENDED_START, thread: null, fn: fn, self: self, args: args,
      yielded: false, raw: false
    }
  });
  return gen;
};

function resume(gen, mode, value, method) {
  var s = isObject(gen) && Object.prototype.hasOwnProperty.call(gen, STATE) ? gen[STATE] : undefined;
  if (s === undefined) {
    throw new TypeError(method + ' method called on incompatible receiver ' + String(gen));
  }
  if (s.state === EXECUTING) throw new TypeError('Generator is already running');
  if (s.state === SUSPENDED_START && mode !== NEXT) s.state = COMPLETED;
  if (s.state === COMPLETED) {
    if (mode === THROW) throw value;
    return { value: mode === RETURN ? value : undefined, done: true };
  }
  var first = s.state === SUSPENDED_START;
  if (first) s.thread = new Thread(entry);
  s.state = EXECUTING;
  s.yielded = false;
  s.raw = false;
  running.push(s);
  var out;
  try {
    out = Thread.resume(s.thread, first ? s : { mode: mode, value: value });
  } catch (e) {
    s.state = COMPLETED;
    if (e instanceof GeneratorReturn) return { value: e.value, done: true };
    throw e;
  } finally {
    running.pop();
  }
  if (!s.yielded) {
    s.state = COMPLETED;
    return { value: out, done: true };
  }
  s.state = SUSPENDED_YIELD;
  return s.raw ? out : { value: out, done: false };
}

function define(o, name, fn) {
  Object.defineProperty(o, name, { value: fn, writable: true, enumerable: false, configurable: true });
}
define(GeneratorPrototype, 'next', function next(value) {
  return resume(this, NEXT, value, 'next');
});
define(GeneratorPrototype, 'return', function (value) {
  return resume(this, RETURN, value, 'return');
});
define(GeneratorPrototype, 'throw', function (value) {
  return resume(this, THROW, value, 'throw');
});

// The running generator's state (its thread is the current one).
function current() {
  var thread = Thread.current();
  for (var i = running.length - 1; i >= 0; i--) {
    if (running[i].thread === thread) return running[i];
  }
  throw new SyntaxError('yield is only valid in generator functions');
}

// Yields `value` (`raw`: an iterator result, passed on as it is) and
// returns how the generator was resumed.
function yieldRaw(value, raw) {
  var s = current();
  s.yielded = true;
  s.raw = raw;
  return Thread.yield(value);
}

R['yield'] = function (value) {
  var resumed = yieldRaw(value, false);
  if (resumed.mode === THROW) throw resumed.value;
  if (resumed.mode === RETURN) throw new GeneratorReturn(resumed.value);
  return resumed.value;
};

function iteratorOf(x) {
  var next = x == null ? undefined : x[Symbol.iterator];
  if (typeof next !== 'function') {
    throw new TypeError((x === null || x === undefined ? String(x) : typeof x) + ' is not iterable');
  }
  var it = next.call(x);
  if (!isObject(it)) throw new TypeError('Result of the Symbol.iterator method is not an object');
  return it;
}

function checkResult(r) {
  if (!isObject(r)) throw new TypeError('Iterator result ' + String(r) + ' is not an object');
  return r;
}

// yield* iterable: its results pass through; next, throw and return go on
// to its iterator.
R.yieldStar = function (iterable) {
  var it = iteratorOf(iterable);
  var nextMethod = it.next;
  var resumed = { mode: NEXT, value: undefined };
  for (;;) {
    var r;
    if (resumed.mode === NEXT) {
      r = checkResult(nextMethod.call(it, resumed.value));
    } else if (resumed.mode === THROW) {
      var thrower = it['throw'];
      if (thrower == null) {
        var closer = it['return'];
        if (closer != null) checkResult(closer.call(it));
        throw new TypeError("The iterator does not provide a 'throw' method");
      }
      r = checkResult(thrower.call(it, resumed.value));
    } else {
      var returner = it['return'];
      if (returner == null) throw new GeneratorReturn(resumed.value);
      r = checkResult(returner.call(it, resumed.value));
      if (r.done) throw new GeneratorReturn(r.value);
    }
    if (r.done) return r.value;
    resumed = yieldRaw(r, true);
  }
};
