// setTimeout/setInterval and friends, node-flavoured: callbacks get the
// extra arguments, delays outside [1, 2^31-1] ms become 1 ms, the handle is
// a Timeout object (ref/unref/hasRef/refresh/close) that converts to its
// numeric id. The timer queue itself is C++ (timer_host.cc, EventLoop
// timers); I.fireTimer() runs one expired timer as its own turn.
'use strict';

var TIMEOUT_MAX = 2147483647;
var timers = {};  // id -> Timeout, while scheduled
var nextId = 1;

function Timeout(callback, after, args, repeat) {
  this._idleTimeout = after;
  this._onTimeout = callback;
  this._timerArgs = args;
  this._repeat = repeat ? after : null;
  this._destroyed = false;
  this._scheduled = false;
  this._id = nextId++;
  this._ref = true;
}

function coerceDelay(after) {
  after = after * 1;
  if (!(after >= 1 && after <= TIMEOUT_MAX)) after = 1;
  return after;
}

function checkCallback(callback) {
  if (typeof callback !== 'function') {
    var e = new TypeError('The "callback" argument must be of type function. Received ' +
                          I.describe(callback));
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
}

function schedule(t, startMs) {
  I.timerStart(t._id, t._idleTimeout, startMs, t._ref);
  t._scheduled = true;
  timers[t._id] = t;
}

function unschedule(t) {
  if (t._scheduled) {
    delete timers[t._id];
    I.timerCancel(t._id);
    t._scheduled = false;
  }
}

function create(callback, after, args, repeat) {
  checkCallback(callback);
  var t = new Timeout(callback, coerceDelay(after), args, repeat);
  schedule(t, undefined);
  return t;
}

function restArgs(args, from) {
  return args.length > from ? Array.prototype.slice.call(args, from) : undefined;
}

Timeout.prototype.ref = function () {
  this._ref = true;
  if (this._scheduled) I.timerRef(this._id, true);
  return this;
};
Timeout.prototype.unref = function () {
  this._ref = false;
  if (this._scheduled) I.timerRef(this._id, false);
  return this;
};
Timeout.prototype.hasRef = function () { return this._ref; };
Timeout.prototype.refresh = function () {
  if (this._scheduled) {
    unschedule(this);
    schedule(this, undefined);
  }
  return this;
};
Timeout.prototype.close = function () {
  this._destroyed = true;
  unschedule(this);
  return this;
};
Timeout.prototype.valueOf = function () { return this._id; };
if (Symbol.toPrimitive !== undefined) {
  Timeout.prototype[Symbol.toPrimitive] = function () { return this._id; };
}

function clear(t) {
  if (t === null || t === undefined) return;
  if (typeof t === 'number' || typeof t === 'string') t = timers[t];
  if (t instanceof Timeout) {
    t._destroyed = true;
    unschedule(t);
  }
}

// Called by C++ when timer `id` expires; `startMs` is the expiry time, from
// which an interval is re-armed (after the callback, like node).
I.fireTimer = function (id, startMs) {
  var t = timers[id];
  if (t === undefined) return;
  delete timers[id];
  t._scheduled = false;
  var args = t._timerArgs;
  try {
    if (args === undefined) t._onTimeout.call(t);
    else t._onTimeout.apply(t, args);
  } finally {
    if (t._repeat !== null && !t._destroyed && !t._scheduled) {
      t._idleTimeout = t._repeat;
      schedule(t, startMs);
    }
  }
};

global.setTimeout = function setTimeout(callback, after) {
  return create(callback, after, restArgs(arguments, 2), false);
};
global.setInterval = function setInterval(callback, repeat) {
  return create(callback, repeat, restArgs(arguments, 2), true);
};
global.clearTimeout = function clearTimeout(timer) { clear(timer); };
global.clearInterval = function clearInterval(timer) { clear(timer); };
