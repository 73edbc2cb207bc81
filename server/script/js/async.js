// async/await on Duktape coroutines, and the rest of the __runy object that
// lowered code calls (see server/script/lowering/lower.h).
//
// Every call of an async function runs its body in a new Duktape.Thread,
// synchronously until the first await. `await x` yields the thread back to
// its resumer; resumeCoroutine() continues it from a promise reaction job,
// i.e. always from ECMAScript code (Duktape cannot resume from, nor yield
// through, native frames).
'use strict';

var Thread = Duktape.Thread;
var MODULE = I.hidden('moduleBody');

// Coroutines currently executing, innermost last. If a turn is aborted by
// an uncatchable error (execution timeout), the entries left here are dead
// threads: I.abortRunning() rejects their promises.
var running = [];

// `hooks` (async generators, generators.js): what happens when the body
// yields, returns or throws, instead of settling `promise`.
function Coroutine(fn, self, args, hooks) {
  this.thread = new Thread(coroutineEntry);
  this.fn = fn;
  this.self = self;
  this.args = args;
  this.promise = I.newPromise();
  this.awaiting = false;
  this.yielding = false;
  this.hooks = hooks;
}

function coroutineEntry(co) {
  return co.fn.apply(co.self, co.args);
}

// Runs `co` until it awaits, returns or throws. `value` is the first
// resume's entry argument, then the awaited result or (isError) reason.
function resumeCoroutine(co, value, isError) {
  for (;;) {
    running.push(co);
    co.awaiting = false;
    co.yielding = false;
    var out;
    var threw = false;
    try {
      out = Thread.resume(co.thread, value, isError);
    } catch (e) {
      out = e;
      threw = true;
    }
    running.pop();
    if (threw) {
      if (co.hooks) co.hooks.fail(out);
      else I.rejectPromise(co.promise, out);
      return;
    }
    if (co.yielding) {
      co.hooks.yielded(out);
      return;
    }
    if (!co.awaiting) {
      if (co.hooks) co.hooks.finish(out);
      else I.resolvePromise(co.promise, out);
      return;
    }
    var p;
    try {
      p = I.promiseResolve(out);
    } catch (e) {
      value = e;  // PromiseResolve threw: the await throws it synchronously.
      isError = true;
      continue;
    }
    I.awaitPromise(p, co);
    return;
  }
}
I.resumeCoroutine = resumeCoroutine;

I.newCoroutine = function (fn, self, args, hooks) {
  return new Coroutine(fn, self, args, hooks);
};

// The coroutine whose thread runs now, or undefined.
I.currentCoroutine = function () {
  var co = running[running.length - 1];
  return co !== undefined && Thread.current() === co.thread ? co : undefined;
};

// __runy.async(fn, self, args): the body of every lowered async function.
R.async = function (fn, self, args) {
  var co = new Coroutine(fn, self, args, null);
  if (running.length === 0 && Array.isArray(args)) co.promise[MODULE] = true;
  resumeCoroutine(co, co, false);
  return co.promise;
};

// True if `p` is the promise of a module body with top-level await.
I.isModulePromise = function (p) {
  return I.isPromise(p) && p[MODULE] === true;
};

// __runy.await(x): suspends the running coroutine until x settles.
R.await = function (value) {
  var co = running[running.length - 1];
  if (co === undefined || Thread.current() !== co.thread) {
    throw new SyntaxError('await is only valid in async functions and the top level bodies of modules');
  }
  co.awaiting = true;
  try {
    return Thread.yield(value);
  } catch (e) {
    if (co.awaiting) {
      // The yield itself failed: a native frame sits between the async
      // function and this await.
      co.awaiting = false;
      throw new TypeError('await cannot suspend here: a native function ' +
                          '(e.g. an Array.prototype.forEach callback) is on the call stack');
    }
    throw e;
  }
};

// Rejects the promises of coroutines killed by an aborted turn. The error
// was reported already: these rejections do not count as unhandled.
I.abortRunning = function (reason) {
  var dead = running;
  running = [];
  for (var i = dead.length - 1; i >= 0; i--) {
    I.markHandled(dead[i].promise);
    I.rejectPromise(dead[i].promise, reason);
  }
  return dead.length;
};

// ---- Promises settled by C++ (Runtime::NewPromise). -----------------------
var hostPromises = {};

I.newHostPromise = function (id) {
  var p = I.newPromise();
  hostPromises[id] = p;
  return p;
};

I.settleHostPromise = function (id, value, isReject) {
  var p = hostPromises[id];
  if (p === undefined) return false;
  delete hostPromises[id];
  if (isReject) I.rejectPromise(p, value);
  else I.resolvePromise(p, value);
  return true;
};

I.forgetHostPromise = function (id) { delete hostPromises[id]; };

// ---- Modules. --------------------------------------------------------------
// "runy" always exists (the host fills it: SetModuleExport), so
// `import ... from "runy"` works even before the service API registers.
var modules = { runy: {} };

I.moduleExports = function (name) {
  if (!Object.prototype.hasOwnProperty.call(modules, name)) modules[name] = {};
  return modules[name];
};

R['import'] = function (name) {
  if (!Object.prototype.hasOwnProperty.call(modules, name)) {
    var e = new Error("Cannot find module '" + name + "'");
    e.code = 'ERR_MODULE_NOT_FOUND';
    throw e;
  }
  return modules[name];
};

Object.freeze(R);
Object.defineProperty(global, '__runy', {
  value: R, writable: false, enumerable: false, configurable: false
});
