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
