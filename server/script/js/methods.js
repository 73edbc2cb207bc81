// Built-in methods written in JavaScript (runy's and core-js's) are not
// constructors, as node's are not: `new Promise.race()` throws and
// `Object.assign` has no `prototype`. Duktape's own natives already are
// not; I.notConstructor does the same for the rest. Loaded last.
'use strict';

(function () {
  var constructors = [];
  var names = Object.getOwnPropertyNames(global);
  var i;
  for (i = 0; i < names.length; i++) {
    var value = global[names[i]];
    if (typeof value === 'function' && /^[A-Z]/.test(names[i])) constructors.push(value);
  }
  constructors.push(Duktape.Thread, Duktape.Pointer);
  var seen = [];

  function fix(fn) {
    if (typeof fn === 'function' && constructors.indexOf(fn) < 0) I.notConstructor(fn);
  }

  // The own methods and accessors of `o`.
  function fixMethodsOf(o) {
    if (o === null || (typeof o !== 'object' && typeof o !== 'function') ||
        seen.indexOf(o) >= 0 || o === Duktape || o === R) {
      // R (__runy): what lowered code calls; `new X()` of a let in its dead
      // zone calls R.deadZone with `new`, which must throw its own error.
      return;
    }
    seen.push(o);
    var keys = Object.getOwnPropertyNames(o).concat(Object.getOwnPropertySymbols(o));
    for (var k = 0; k < keys.length; k++) {
      if (keys[k] === 'constructor') continue;
      var d = Object.getOwnPropertyDescriptor(o, keys[k]);
      if ('value' in d) fix(d.value);
      else { fix(d.get); fix(d.set); }
    }
  }

  fixMethodsOf(global);
  for (i = 0; i < names.length; i++) {
    var v = global[names[i]];
    if (typeof v === 'function' && constructors.indexOf(v) >= 0) {
      fixMethodsOf(v);
      fixMethodsOf(v.prototype);
    } else if (v !== null && typeof v === 'object') {
      fixMethodsOf(v);
    }
  }
  // Iterator prototypes, whose `next` and friends are methods too.
  var iterators = [[][Symbol.iterator](), ''[Symbol.iterator](), new Map().entries(),
                   new Set().values(), 'a'.matchAll(/a/g)];
  for (i = 0; i < iterators.length; i++) {
    for (var p = Object.getPrototypeOf(iterators[i]); p !== null && p !== Object.prototype;
         p = Object.getPrototypeOf(p)) {
      fixMethodsOf(p);
    }
  }
})();
