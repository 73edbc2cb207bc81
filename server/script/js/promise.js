// Promise (ECMA-262 §27.2) and the microtask queue, in ES5 for Duktape.
//
// Loaded once per heap by prelude.cc as the body of
// function (global, R, I) { ... }: R is the global __runy object (called by
// lowered code), I the internal object kept in the heap stash (natives from
// C++, entry points for C++). Job ordering follows the spec exactly, so
// programs observe the same microtask order as in node.
'use strict';

var STATE = I.hidden('promiseState');
var VALUE = I.hidden('promiseValue');
var REACTIONS = I.hidden('promiseReactions');
var HANDLED = I.hidden('promiseHandled');
var PENDING = 0;
var FULFILLED = 1;
var REJECTED = 2;

// ---- Microtask queue: flat array of [job, a, b, c] quadruples. ----------
var queue = [];
var head = 0;

function enqueue(job, a, b, c) {
  queue.push(job, a, b, c);
}

// process.nextTick callbacks, run before the microtasks queued with them,
// as node does: each drain runs every tick, then every microtask, and again
// while ticks were added.
var ticks = [];

function drainTicks() {
  while (ticks.length > 0) {
    var batch = ticks;
    ticks = [];
    for (var i = 0; i < batch.length; i++) {
      try {
        batch[i].fn.apply(undefined, batch[i].args);
      } catch (e) {
        // The rest of the batch runs at the next drain.
        ticks = batch.slice(i + 1).concat(ticks);
        throw e;
      }
    }
  }
}

if (global.process) {
  global.process.nextTick = function nextTick(callback) {
    if (typeof callback !== 'function') {
      throw new TypeError('The "callback" argument must be of type function. Received ' +
                          I.describe(callback));
    }
    ticks.push({ fn: callback, args: Array.prototype.slice.call(arguments, 1) });
  };
}

// Runs jobs until the queue is empty. A job that throws (only a
// queueMicrotask callback can) aborts the drain with that error; the jobs
// after it stay queued for the next drain.
I.drain = function drain() {
  drainTicks();
  do {
    drainMicrotasks();
    drainTicks();
  } while (head < queue.length);
};

function drainMicrotasks() {
  while (head < queue.length) {
    var job = queue[head];
    var a = queue[head + 1];
    var b = queue[head + 2];
    var c = queue[head + 3];
    queue[head] = queue[head + 1] = queue[head + 2] = queue[head + 3] = undefined;
    head += 4;
    if (head === queue.length) {
      queue.length = 0;
      head = 0;
    } else if (head >= 4096 && head * 2 >= queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    job(a, b, c);
  }
};

I.hasMicrotasks = function () { return head < queue.length || ticks.length > 0; };

function callbackJob(fn) { fn(); }

global.queueMicrotask = function queueMicrotask(callback) {
  if (typeof callback !== 'function') {
    throw new TypeError('The "callback" argument must be of type function. Received ' +
                        I.describe(callback));
  }
  enqueue(callbackJob, callback);
};

// ---- Unhandled rejection tracking (HostPromiseRejectionTracker). --------
var maybeUnhandled = [];

// Returns the reasons of the promises rejected without a handler that still
// have none, and forgets them (each is reported once, like node).
I.takeUnhandled = function takeUnhandled() {
  var out = [];
  for (var i = 0; i < maybeUnhandled.length; i++) {
    var p = maybeUnhandled[i];
    if (!p[HANDLED]) {
      p[HANDLED] = true;
      out.push(p[VALUE]);
    }
  }
  maybeUnhandled = [];
  return out;
};

// ---- Core promise machinery. ---------------------------------------------
function isPromise(x) {
  return x !== null && typeof x === 'object' && x[STATE] !== undefined;
}
I.isPromise = isPromise;
I.promiseState = function (p) {
  var s = p[STATE];
  return s === PENDING ? 'pending' : s === FULFILLED ? 'fulfilled' : 'rejected';
};
I.promiseValue = function (p) { return p[VALUE]; };

// REACTIONS holds undefined, one Reaction, or an array of them: most
// promises get at most one, and a chain of pending promises is then one
// object shallower per link for the garbage collector.
function initPromise(p) {
  p[STATE] = PENDING;
  p[VALUE] = undefined;
  p[REACTIONS] = undefined;
  p[HANDLED] = false;
}

function newPromise() {
  var p = Object.create(Promise.prototype);
  initPromise(p);
  return p;
}
I.newPromise = newPromise;

function settle(p, state, value) {
  var reactions = p[REACTIONS];
  p[STATE] = state;
  p[VALUE] = value;
  p[REACTIONS] = undefined;
  var rejected = state === REJECTED;
  if (reactions === undefined) return;
  if (!(reactions instanceof Array)) {
    enqueue(reactionJob, reactions, rejected, value);
    return;
  }
  for (var i = 0; i < reactions.length; i++) {
    enqueue(reactionJob, reactions[i], rejected, value);
  }
}

function fulfillPromise(p, value) { settle(p, FULFILLED, value); }

function rejectPromise(p, reason) {
  if (!p[HANDLED]) maybeUnhandled.push(p);
  settle(p, REJECTED, reason);
}
I.rejectPromise = rejectPromise;
I.markHandled = function (p) { p[HANDLED] = true; };

// The [[Resolve]] algorithm of a promise's resolving functions (§27.2.1.3.2).
function resolvePromise(p, resolution) {
  if (resolution === p) {
    return rejectPromise(p, new TypeError('Chaining cycle detected for promise #<Promise>'));
  }
  if (resolution === null ||
      (typeof resolution !== 'object' && typeof resolution !== 'function')) {
    return fulfillPromise(p, resolution);
  }
  var then;
  try {
    then = resolution.then;
  } catch (e) {
    return rejectPromise(p, e);
  }
  if (typeof then !== 'function') return fulfillPromise(p, resolution);
  enqueue(resolveThenableJob, p, resolution, then);
}
I.resolvePromise = resolvePromise;

function createResolvingFunctions(p) {
  var alreadyResolved = false;
  return {
    resolve: function (resolution) {
      if (alreadyResolved) return;
      alreadyResolved = true;
      resolvePromise(p, resolution);
    },
    reject: function (reason) {
      if (alreadyResolved) return;
      alreadyResolved = true;
      rejectPromise(p, reason);
    }
  };
}

function resolveThenableJob(p, thenable, then) {
  var fns = createResolvingFunctions(p);
  try {
    then.call(thenable, fns.resolve, fns.reject);
  } catch (e) {
    fns.reject(e);
  }
}

// A reaction: handlers plus where the result goes. `promise` is an
// intrinsic promise settled directly; `resolve`/`reject` are the capability
// functions of a foreign constructor; `co` is an awaiting coroutine.
function Reaction(onFulfilled, onRejected) {
  this.onFulfilled = onFulfilled;
  this.onRejected = onRejected;
  this.promise = undefined;
  this.resolve = undefined;
  this.reject = undefined;
  this.co = undefined;
}

function reactionJob(reaction, rejected, argument) {
  if (reaction.co !== undefined) {
    I.resumeCoroutine(reaction.co, argument, rejected);
    return;
  }
  var handler = rejected ? reaction.onRejected : reaction.onFulfilled;
  var result = argument;
  var threw = rejected;
  if (handler !== undefined) {
    threw = false;
    try {
      result = handler(argument);
    } catch (e) {
      result = e;
      threw = true;
    }
  }
  if (reaction.promise !== undefined) {
    if (threw) rejectPromise(reaction.promise, result);
    else resolvePromise(reaction.promise, result);
  } else if (reaction.resolve !== undefined) {
    if (threw) reaction.reject(result);
    else reaction.resolve(result);
  }
}

function performThen(p, reaction) {
  var state = p[STATE];
  if (state === PENDING) {
    var reactions = p[REACTIONS];
    if (reactions === undefined) p[REACTIONS] = reaction;
    else if (reactions instanceof Array) reactions.push(reaction);
    else p[REACTIONS] = [reactions, reaction];
  } else {
    enqueue(reactionJob, reaction, state === REJECTED, p[VALUE]);
  }
  p[HANDLED] = true;
}

// Resumes coroutine `co` once `p` settles (the tail of Await, §27.7.5.3).
I.awaitPromise = function (p, co) {
  var reaction = new Reaction(undefined, undefined);
  reaction.co = co;
  performThen(p, reaction);
};

function describeReceiver(x) {
  if (x === null || (typeof x !== 'object' && typeof x !== 'function')) {
    return I.describe(x);
  }
  return '#<' + ((x.constructor && x.constructor.name) || 'Object') + '>';
}

function NewPromiseCapability(C) {
  if (typeof C !== 'function') {
    throw new TypeError(describeReceiver(C) + ' is not a constructor');
  }
  var cap = { promise: undefined, resolve: undefined, reject: undefined };
  if (C === Promise) {
    var p = newPromise();
    var fns = createResolvingFunctions(p);
    cap.promise = p;
    cap.resolve = fns.resolve;
    cap.reject = fns.reject;
    return cap;
  }
  cap.promise = new C(function (resolve, reject) {
    if (cap.resolve !== undefined || cap.reject !== undefined) {
      throw new TypeError('Promise executor has already been invoked with non-undefined arguments');
    }
    cap.resolve = resolve;
    cap.reject = reject;
  });
  if (typeof cap.resolve !== 'function') throw new TypeError('Promise resolve function is not callable');
  if (typeof cap.reject !== 'function') throw new TypeError('Promise reject function is not callable');
  return cap;
}

// PromiseResolve(C, x) (§27.2.4.7.1).
function promiseResolve(C, x) {
  if (isPromise(x) && x.constructor === C) return x;
  if (C === Promise) {
    var p = newPromise();
    resolvePromise(p, x);
    return p;
  }
  var cap = NewPromiseCapability(C);
  cap.resolve(x);
  return cap.promise;
}
I.promiseResolve = function (x) { return promiseResolve(Promise, x); };

function speciesConstructor(p) {
  var C = p.constructor;
  if (C === undefined || C === Promise) return Promise;
  if (C === null || (typeof C !== 'object' && typeof C !== 'function')) {
    throw new TypeError('The .constructor property is not an object');
  }
  var S = C[Symbol.species];
  if (S === undefined || S === null) return Promise;
  if (typeof S === 'function') return S;
  throw new TypeError('object.constructor[Symbol.species] is not a constructor');
}

// ---- The Promise constructor and prototype. ------------------------------
function Promise(executor) {
  if (!(this instanceof Promise) || this[STATE] !== undefined) {
    throw new TypeError("Promise constructor cannot be invoked without 'new'");
  }
  if (typeof executor !== 'function') {
    throw new TypeError('Promise resolver ' + describeReceiver(executor) + ' is not a function');
  }
  initPromise(this);
  var fns = createResolvingFunctions(this);
  try {
    executor(fns.resolve, fns.reject);
  } catch (e) {
    fns.reject(e);
  }
}

function defineMethods(target, methods) {
  for (var name in methods) {
    Object.defineProperty(target, name, {
      value: methods[name], writable: true, enumerable: false, configurable: true
    });
  }
}

if (Symbol.species === undefined) {
  Object.defineProperty(Symbol, 'species', { value: Symbol('Symbol.species') });
}
Object.defineProperty(Promise, Symbol.species, {
  get: function () { return this; }, configurable: true
});
Object.defineProperty(Promise.prototype, Symbol.toStringTag, {
  value: 'Promise', configurable: true
});

defineMethods(Promise.prototype, {
  then: function then(onFulfilled, onRejected) {
    if (!isPromise(this)) {
      throw new TypeError('Method Promise.prototype.then called on incompatible receiver ' +
                          describeReceiver(this));
    }
    var C = speciesConstructor(this);
    var reaction = new Reaction(typeof onFulfilled === 'function' ? onFulfilled : undefined,
                                typeof onRejected === 'function' ? onRejected : undefined);
    var result;
    if (C === Promise) {
      result = newPromise();
      reaction.promise = result;
    } else {
      var cap = NewPromiseCapability(C);
      result = cap.promise;
      reaction.resolve = cap.resolve;
      reaction.reject = cap.reject;
    }
    performThen(this, reaction);
    return result;
  },
  'catch': function (onRejected) {
    return this.then(undefined, onRejected);
  },
  'finally': function (onFinally) {
    if (this === null || (typeof this !== 'object' && typeof this !== 'function')) {
      throw new TypeError('Method Promise.prototype.finally called on incompatible receiver ' +
                          describeReceiver(this));
    }
    var C = speciesConstructor(this);
    if (typeof onFinally !== 'function') return this.then(onFinally, onFinally);
    return this.then(function (value) {
      return promiseResolve(C, onFinally()).then(function () { return value; });
    }, function (reason) {
      return promiseResolve(C, onFinally()).then(function () { throw reason; });
    });
  }
});

// ---- Statics. -------------------------------------------------------------
function getPromiseResolve(C) {
  var resolve = C.resolve;
  if (typeof resolve !== 'function') throw new TypeError('Promise resolve or reject function is not callable');
  return resolve;
}

// Shared driver of all/allSettled/any/race (§27.2.4.1.1 and friends):
// `perElement(nextPromise, index, cap, state)` attaches the handlers.
function combinator(C, iterable, perElement, finish) {
  var cap = NewPromiseCapability(C);
  try {
    var resolve = getPromiseResolve(C);
    var state = { values: [], remaining: 1 };
    var index = 0;
    I.iterate(iterable, function (next) {
      state.values.push(undefined);
      var nextPromise = resolve.call(C, next);
      state.remaining++;
      perElement(nextPromise, index, cap, state);
      index++;
    });
    if (--state.remaining === 0) finish(cap, state);
  } catch (e) {
    cap.reject(e);
  }
  return cap.promise;
}

function elementSetter(cap, state, index, wrap, finish) {
  var alreadyCalled = false;
  return function (x) {
    if (alreadyCalled) return;
    alreadyCalled = true;
    state.values[index] = wrap(x);
    if (--state.remaining === 0) finish(cap, state);
  };
}

function identity(x) { return x; }
function fulfilledRecord(x) { return { status: 'fulfilled', value: x }; }
function rejectedRecord(x) { return { status: 'rejected', reason: x }; }
function resolveWithValues(cap, state) { cap.resolve(state.values.slice()); }
function rejectWithAggregate(cap, state) {
  cap.reject(new AggregateError(state.values.slice(), 'All promises were rejected'));
}

defineMethods(Promise, {
  resolve: function resolve(x) {
    if (this === null || (typeof this !== 'object' && typeof this !== 'function')) {
      throw new TypeError('PromiseResolve called on non-object');
    }
    return promiseResolve(this, x);
  },
  reject: function reject(r) {
    var cap = NewPromiseCapability(this);
    cap.reject(r);
    return cap.promise;
  },
  all: function all(iterable) {
    return combinator(this, iterable, function (p, i, cap, state) {
      p.then(elementSetter(cap, state, i, identity, resolveWithValues), cap.reject);
    }, resolveWithValues);
  },
  allSettled: function allSettled(iterable) {
    return combinator(this, iterable, function (p, i, cap, state) {
      p.then(elementSetter(cap, state, i, fulfilledRecord, resolveWithValues),
             elementSetter(cap, state, i, rejectedRecord, resolveWithValues));
    }, resolveWithValues);
  },
  any: function any(iterable) {
    return combinator(this, iterable, function (p, i, cap, state) {
      p.then(cap.resolve, elementSetter(cap, state, i, identity, rejectWithAggregate));
    }, rejectWithAggregate);
  },
  race: function race(iterable) {
    var cap = NewPromiseCapability(this);
    try {
      var resolve = getPromiseResolve(this);
      var C = this;
      I.iterate(iterable, function (next) {
        resolve.call(C, next).then(cap.resolve, cap.reject);
      });
    } catch (e) {
      cap.reject(e);
    }
    return cap.promise;
  }
});

// ---- AggregateError (ES2021), missing from Duktape. -----------------------
function AggregateError(errors, message) {
  var e = new Error(message === undefined ? '' : String(message));
  if (message === undefined) delete e.message;
  Object.setPrototypeOf(e, this instanceof AggregateError ? Object.getPrototypeOf(this)
                                                          : AggregateError.prototype);
  var list = [];
  I.iterate(errors, function (x) { list.push(x); });
  Object.defineProperty(e, 'errors', {
    value: list, writable: true, enumerable: false, configurable: true
  });
  return e;
}
AggregateError.prototype = Object.create(Error.prototype);
defineMethods(AggregateError.prototype, {
  constructor: AggregateError, name: 'AggregateError', message: ''
});
Object.setPrototypeOf(AggregateError, Error);

defineMethods(global, { Promise: Promise, AggregateError: AggregateError });
