// Generators and async generators on Duktape coroutines, like async
// functions (async.js): each
// call of a generator function makes a generator whose body runs in a
// Duktape.Thread of its own from the first next() on. `yield x` yields the
// thread back to next(); gen.throw(e) resumes it with e thrown at the yield,
// gen.return(v) with a GeneratorReturn thrown there, which the body's catch
// clauses pass on (__runy.rethrowReturn, added by the lowering) so that only
// its finally clauses run. An async generator's body is an async.js
// coroutine with hooks: it awaits like an async function, and its yields
// settle the promises of a queue of next/throw/return requests. for await
// walks R.asyncIter.
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
function mark(fn, fnPrototype, prototype) {
  if (Object.prototype.hasOwnProperty.call(fn, MARKED)) return fn;
  Object.defineProperty(fn, MARKED, { value: true });
  Object.setPrototypeOf(fn, fnPrototype);
  Object.defineProperty(fn, 'prototype', { value: Object.create(prototype) });
  if (/^__runy_g\d+$/.test(fn.name)) R.name(fn, '');
  return fn;
}
R.genFn = function (fn) {
  return mark(fn, GeneratorFunctionPrototype, GeneratorPrototype);
};

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
  R.genFn(outer);
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

// ---- Async generators. -----------------------------------------------------
var AWAITING_RETURN = 4;
var AsyncIteratorPrototype = Object.create(Object.prototype);
Object.defineProperty(AsyncIteratorPrototype, Symbol.asyncIterator, {
  value: function () { return this; }, writable: true, configurable: true
});
var AsyncGeneratorPrototype = Object.create(AsyncIteratorPrototype);
var AsyncGeneratorFunctionPrototype = Object.create(Function.prototype);
hiddenValue(AsyncGeneratorFunctionPrototype, 'prototype', AsyncGeneratorPrototype);
hiddenValue(AsyncGeneratorPrototype, 'constructor', AsyncGeneratorFunctionPrototype);
hiddenValue(AsyncGeneratorPrototype, Symbol.toStringTag, 'AsyncGenerator');
hiddenValue(AsyncGeneratorFunctionPrototype, Symbol.toStringTag, 'AsyncGeneratorFunction');

R.asyncGenFn = function (fn) {
  return mark(fn, AsyncGeneratorFunctionPrototype, AsyncGeneratorPrototype);
};

// __runy.asyncGenerator(fn, self, args, outer, newTarget): the body of every
// lowered async generator function `outer`.
R.asyncGenerator = function (fn, self, args, outer, newTarget) {
  if (newTarget !== undefined) {
    throw new TypeError((outer.name || 'anonymous') + ' is not a constructor');
  }
  R.asyncGenFn(outer);
  var proto = isObject(outer.prototype) ? outer.prototype : AsyncGeneratorPrototype;
  var gen = Object.create(proto);
  Object.defineProperty(gen, STATE, {
    value: {
      async: true, state: SUSPENDED_START, queue: [], co: null, fn: fn, self: self,
      args: args
    }
  });
  return gen;
};

function settle(s, ok, value) {
  var request = s.queue.shift();
  if (ok) I.resolvePromise(request.promise, value);
  else I.rejectPromise(request.promise, value);
}

function isThenable(x) {
  return isObject(x) && typeof x.then === 'function';
}

function hooksOf(s) {
  return {
    yielded: function (value) {
      s.state = SUSPENDED_YIELD;
      settle(s, true, { value: value, done: false });
      drain(s);
    },
    finish: function (value) {
      s.state = COMPLETED;
      if (isThenable(value)) {
        s.state = AWAITING_RETURN;
        I.promiseResolve(value).then(function (v) {
          s.state = COMPLETED;
          settle(s, true, { value: v, done: true });
          drain(s);
        }, function (e) {
          s.state = COMPLETED;
          settle(s, false, e);
          drain(s);
        });
        return;
      }
      settle(s, true, { value: value, done: true });
      drain(s);
    },
    fail: function (e) {
      s.state = COMPLETED;
      if (e instanceof GeneratorReturn) settle(s, true, { value: e.value, done: true });
      else settle(s, false, e);
      drain(s);
    }
  };
}

// gen.return(v) of a generator that is done: v awaited.
function awaitReturn(s, value) {
  s.state = AWAITING_RETURN;
  var p;
  try {
    p = I.promiseResolve(value);
  } catch (e) {
    s.state = COMPLETED;
    settle(s, false, e);
    return;
  }
  p.then(function (v) {
    s.state = COMPLETED;
    settle(s, true, { value: v, done: true });
    drain(s);
  }, function (e) {
    s.state = COMPLETED;
    settle(s, false, e);
    drain(s);
  });
}

// Serves the requests at the head of the queue while the body is not
// running.
function drain(s) {
  while (s.queue.length > 0 && s.state !== EXECUTING && s.state !== AWAITING_RETURN) {
    var request = s.queue[0];
    if (s.state === SUSPENDED_START && request.mode !== NEXT) s.state = COMPLETED;
    if (s.state === COMPLETED) {
      if (request.mode === RETURN) {
        awaitReturn(s, request.value);
        return;
      }
      if (request.mode === THROW) settle(s, false, request.value);
      else settle(s, true, { value: undefined, done: true });
      continue;
    }
    var first = s.state === SUSPENDED_START;
    s.state = EXECUTING;
    if (first) {
      s.co = I.newCoroutine(s.fn, s.self, s.args, hooksOf(s));
      I.resumeCoroutine(s.co, s.co, false);
    } else {
      I.resumeCoroutine(s.co, { mode: request.mode, value: request.value }, false);
    }
    return;
  }
}

function enqueue(gen, mode, value, method) {
  var promise = I.newPromise();
  var s = isObject(gen) && Object.prototype.hasOwnProperty.call(gen, STATE) ? gen[STATE] : undefined;
  if (s === undefined || !s.async) {
    I.rejectPromise(promise, new TypeError(method + ' method called on incompatible receiver ' +
                                           String(gen)));
    return promise;
  }
  s.queue.push({ mode: mode, value: value, promise: promise });
  drain(s);
  return promise;
}
define(AsyncGeneratorPrototype, 'next', function next(value) {
  return enqueue(this, NEXT, value, 'next');
});
define(AsyncGeneratorPrototype, 'return', function (value) {
  return enqueue(this, RETURN, value, 'return');
});
define(AsyncGeneratorPrototype, 'throw', function (value) {
  return enqueue(this, THROW, value, 'throw');
});

// Yields from the running async generator; returns how it was resumed.
function asyncYieldRaw(value) {
  var co = I.currentCoroutine();
  if (co === undefined || !co.hooks) {
    throw new SyntaxError('yield is only valid in generator functions');
  }
  co.yielding = true;
  return Thread.yield(value);
}

// yield x in an async generator: x is awaited first, and so is the value
// of a gen.return(v) that resumes it.
R.asyncYield = function (value) {
  var resumed = asyncYieldRaw(R.await(value));
  if (resumed.mode === THROW) throw resumed.value;
  if (resumed.mode === RETURN) throw new GeneratorReturn(R.await(resumed.value));
  return resumed.value;
};

// The async iterator of `x`: its Symbol.asyncIterator, or its sync
// iterator with each value awaited.
R.asyncIter = function (x) {
  var method = x == null ? undefined : x[Symbol.asyncIterator];
  if (method !== undefined && method !== null) {
    var it = method.call(x);
    if (!isObject(it)) throw new TypeError('Result of the Symbol.asyncIterator method is not an object');
    return it;
  }
  if (x == null || typeof x[Symbol.iterator] !== 'function') {
    throw new TypeError((x === null || x === undefined ? String(x) : typeof x) + ' is not async iterable');
  }
  return asyncFromSync(iteratorOf(x));
};

function asyncFromSync(sync) {
  var nextMethod = sync.next;
  function wrap(result) {
    checkResult(result);
    var done = !!result.done;
    return Promise.resolve(result.value).then(function (v) {
      return { value: v, done: done };
    });
  }
  function call(method, value, missing) {
    try {
      if (method === undefined || method === null) return missing();
      return wrap(method.call(sync, value));
    } catch (e) {
      return Promise.reject(e);
    }
  }
  var it = Object.create(AsyncIteratorPrototype);
  it.next = function (value) {
    return call(nextMethod, value);
  };
  it['return'] = function (value) {
    return call(sync['return'], value, function () {
      return Promise.resolve({ value: value, done: true });
    });
  };
  it['throw'] = function (value) {
    return call(sync['throw'], value, function () {
      throw value;
    });
  };
  return it;
}

// A for await left early, as R.close and R.closeQuietly for for...of.
R.asyncClose = function (it) {
  var close = it['return'];
  if (close === undefined || close === null) return;
  var result = R.await(close.call(it));
  checkResult(result);
};

R.asyncCloseQuietly = function (it) {
  try {
    var close = it['return'];
    if (close !== undefined && close !== null) R.await(close.call(it));
  } catch (e) {
    // The error that left the loop is the one thrown.
  }
};

// The result of an async iterator's next(), awaited.
R.asyncStep = function (result) {
  return checkResult(R.await(result));
};

// yield* in an async generator.
R.asyncYieldStar = function (iterable) {
  var it = R.asyncIter(iterable);
  var nextMethod = it.next;
  var resumed = { mode: NEXT, value: undefined };
  for (;;) {
    var r;
    if (resumed.mode === NEXT) {
      r = checkResult(R.await(nextMethod.call(it, resumed.value)));
    } else if (resumed.mode === THROW) {
      var thrower = it['throw'];
      if (thrower == null) {
        var closer = it['return'];
        if (closer != null) R.await(closer.call(it));
        throw new TypeError("The iterator does not provide a 'throw' method");
      }
      r = checkResult(R.await(thrower.call(it, resumed.value)));
    } else {
      var returner = it['return'];
      if (returner == null) throw new GeneratorReturn(R.await(resumed.value));
      r = checkResult(R.await(returner.call(it, resumed.value)));
      if (r.done) throw new GeneratorReturn(r.value);
    }
    if (r.done) return r.value;
    resumed = asyncYieldRaw(r.value);
  }
};
