// What lowered classes call (lowering/lowerer_classes.cc shows the
// lowering): R.klass builds a class from the entries of its factory,
// R.superCall and R.superGet are `super(...)` and `super.x`, R.privateName,
// R.pget, R.pset, R.pinc and R.phas are private names. Without state of the
// runtime, like lowering_helpers.js (node preloads both for the
// differential test of the lowering). Loaded like promise.js.
'use strict';

// A hidden key in runy's Duktape (invisible to reflection); a symbol in node.
var hiddenKey = typeof I === 'object' && I !== null && I.hidden
  ? I.hidden : function (name) { return Symbol(name); };
var CLASS = hiddenKey('class');  // a class constructor's record
var hasOwn = Function.prototype.call.bind(Object.prototype.hasOwnProperty);

var METHOD = 0, GETTER = 2, SETTER = 4, FIELD = 6, CONSTRUCTOR = 8, BLOCK = 10;

function isObject(x) {
  return x !== null && (typeof x === 'object' || typeof x === 'function');
}

function describe(x) {
  if (typeof x === 'function') return x.name ? x.name : 'anonymous';
  if (typeof x === 'string') return x;
  if (typeof x === 'symbol') return x.toString();
  return String(x);
}

// Each evaluation of a class has private names of its own: a key of its
// own (hidden keys of one description are one key).
var privateNames = 0;
function PrivateName(name) {
  this.name = name;
  this.key = hiddenKey('private ' + name + ' ' + ++privateNames);
  this.kind = 'field';  // or 'method', 'accessor'
  this.method = undefined;
  this.get = undefined;
  this.set = undefined;
}

R.privateName = function (name) {
  return new PrivateName(name);
};

function propertyKey(key) {
  return typeof key === 'symbol' ? key : String(key);
}

// The name a method gets from its key: "m", "[description]", "get m".
function keyName(key, prefix) {
  var name = typeof key === 'symbol'
    ? (key.description === undefined ? '' : '[' + key.description + ']')
    : key instanceof PrivateName ? key.name : key;
  return prefix ? prefix + ' ' + name : name;
}

function named(fn, key, prefix) {
  Object.defineProperty(fn, 'name', { value: keyName(key, prefix), configurable: true });
  return fn;
}

function defineAccessor(target, key, fn, which) {
  var old = Object.getOwnPropertyDescriptor(target, key);
  var d = { enumerable: false, configurable: true };
  if (old && !('value' in old)) { d.get = old.get; d.set = old.set; }
  d[which] = fn;
  Object.defineProperty(target, key, d);
}

// A private method or accessor: its functions live on the name; an object
// has it once its class's constructor added the name to it.
function definePrivate(P, kind, fn) {
  if (kind === METHOD) {
    P.kind = 'method';
    P.method = named(fn, P);
  } else {
    P.kind = 'accessor';
    if (kind === GETTER) P.get = named(fn, P, 'get');
    else P.set = named(fn, P, 'set');
  }
}

function addPrivate(o, P, value) {
  if (hasOwn(o, P.key)) {
    throw new TypeError('Cannot initialize ' + P.name + ' twice on the same object');
  }
  Object.defineProperty(o, P.key, { value: value, writable: true, configurable: true });
}

// The methods and then the fields of the class `C` on `o`, in order.
function initialize(C, o) {
  var record = C[CLASS];
  var i;
  for (i = 0; i < record.privateMethods.length; i++) {
    addPrivate(o, record.privateMethods[i], true);
  }
  for (i = 0; i < record.fields.length; i += 2) {
    defineField(o, record.fields[i], record.fields[i + 1]);
  }
}

function defineField(o, key, init) {
  var value = init === undefined ? undefined : init.call(o);
  if (key instanceof PrivateName) {
    addPrivate(o, key, value);
  } else {
    Object.defineProperty(o, key, {
      value: value, writable: true, enumerable: true, configurable: true
    });
  }
}

function prototypeFor(newTarget) {
  var p = newTarget.prototype;
  return isObject(p) ? p : Object.prototype;
}

// natives, and constructors written in JavaScript that behave like them
// (regexp.js's RegExp).
var NATIVE_LIKE = hiddenKey('nativeLike');
function isNative(fn) {
  return fn[NATIVE_LIKE] === true || /\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(fn));
}

// new C(...args), `newTarget` the class `new` named.
function construct(C, newTarget, args) {
  var record = C[CLASS];
  var k = { nt: newTarget, self: undefined, C: C };
  if (!record.derived) {
    k.self = Object.create(prototypeFor(newTarget));
    initialize(C, k.self);
  }
  var result;
  if (record.init) {
    result = record.init.apply(k, args);
  } else if (record.derived) {
    R.superCall(k, args);
  }
  if (isObject(result)) return result;
  if (record.derived) {
    if (result !== undefined) {
      throw new TypeError('Derived constructors may only return object or undefined');
    }
    return R.self(k);
  }
  return k.self;
}

// The `this` of a derived class's constructor: there once super() ran.
R.self = function (k) {
  if (k.self === undefined) {
    throw new ReferenceError("Must call super constructor in derived class before " +
                             "accessing 'this' or returning from derived constructor");
  }
  return k.self;
};

R.superCall = function (k, args) {
  var parent = Object.getPrototypeOf(k.C);
  if (typeof parent !== 'function') {
    throw new TypeError('Super constructor ' + describe(parent) + ' of anonymous class is not a constructor');
  }
  var o;
  if (hasOwn(parent, CLASS)) {
    o = construct(parent, k.nt, args);
  } else if (isNative(parent)) {
    // Error, Array, Date...: made by themselves, then given the prototype.
    o = Reflect.construct(parent, args);
    if (Object.getPrototypeOf(o) !== prototypeFor(k.nt)) {
      Object.setPrototypeOf(o, prototypeFor(k.nt));
    }
  } else {
    o = Object.create(prototypeFor(k.nt));
    var result = parent.apply(o, args);
    if (isObject(result)) o = result;
  }
  if (k.self !== undefined) throw new ReferenceError('Super constructor may only be called once');
  k.self = o;
  initialize(k.C, o);
  return o;
};

// super[key] in code whose home object is `home`, `receiver` its this.
R.superGet = function (home, key, receiver) {
  key = propertyKey(key);
  for (var o = Object.getPrototypeOf(home); o !== null; o = Object.getPrototypeOf(o)) {
    var d = Object.getOwnPropertyDescriptor(o, key);
    if (d === undefined) continue;
    if ('value' in d) return d.value;
    return d.get === undefined ? undefined : d.get.call(receiver);
  }
  return undefined;
};

// super[key] = value: a setter found from the home object's prototype on
// runs with `receiver`; else the value lands on the receiver itself.
R.superSet = function (home, key, value, receiver) {
  key = propertyKey(key);
  for (var o = Object.getPrototypeOf(home); o !== null; o = Object.getPrototypeOf(o)) {
    var d = Object.getOwnPropertyDescriptor(o, key);
    if (d === undefined) continue;
    if ('value' in d) {
      if (!d.writable) {
        throw new TypeError("Cannot assign to read only property '" + String(key) + "' of object");
      }
      break;
    }
    if (d.set === undefined) {
      throw new TypeError('Cannot set property ' + String(key) + ' of ' + describe(receiver) +
                          ' which has only a getter');
    }
    d.set.call(receiver, value);
    return value;
  }
  if (!isObject(receiver)) {
    throw new TypeError("Cannot create property '" + String(key) + "' on " + describe(receiver));
  }
  var own = Object.getOwnPropertyDescriptor(receiver, key);
  if (own !== undefined && !('value' in own && own.writable)) {
    throw new TypeError("Cannot assign to read only property '" + String(key) + "' of object");
  }
  Object.defineProperty(receiver, key, own !== undefined ? { value: value }
    : { value: value, writable: true, enumerable: true, configurable: true });
  return value;
};

R.klass = function (name, hasParent, parent, factory) {
  var protoParent = Object.prototype;
  var ctorParent = Function.prototype;
  if (hasParent) {
    if (parent === null) {
      protoParent = null;
    } else {
      if (typeof parent !== 'function') {
        throw new TypeError('Class extends value ' + describe(parent) +
                            ' is not a constructor or null');
      }
      protoParent = parent.prototype;
      if (protoParent !== null && !isObject(protoParent)) {
        throw new TypeError('Class extends value does not have valid prototype property ' +
                            describe(protoParent));
      }
      ctorParent = parent;
    }
  }
  var record = {
    init: undefined, derived: !!hasParent, fields: [], privateMethods: [],
    ownName: false
  };
  var C = function () {
    if (new.target === undefined) {
      throw new TypeError("Class constructor " + C.name + " cannot be invoked without 'new'");
    }
    return construct(C, new.target, arguments);
  };
  Object.defineProperty(C, CLASS, { value: record });
  var proto = Object.create(protoParent);
  Object.defineProperty(C, 'prototype', { value: proto, writable: false });
  Object.defineProperty(proto, 'constructor', {
    value: C, writable: true, enumerable: false, configurable: true
  });
  if (ctorParent !== Function.prototype) Object.setPrototypeOf(C, ctorParent);
  Object.defineProperty(C, 'name', { value: name, configurable: true });
  var entries = factory(C);
  var statics = [];
  for (var i = 0; i < entries.length; i += 3) {
    var kind = entries[i] & ~1;
    var isStatic = (entries[i] & 1) === 1;
    var key = entries[i + 1];
    var value = entries[i + 2];
    var target = isStatic ? C : proto;
    if (kind === CONSTRUCTOR) {
      record.init = value;
      Object.defineProperty(C, 'length', { value: value.length, configurable: true });
      continue;
    }
    if (kind === BLOCK || kind === FIELD) {
      if (kind === FIELD && !(key instanceof PrivateName)) key = propertyKey(key);
      if (isStatic) statics.push(kind, key, value);
      else record.fields.push(key, value);
      if (isStatic && key === 'name') record.ownName = true;
      continue;
    }
    if (key instanceof PrivateName) {
      definePrivate(key, kind, value);
      if (isStatic) {
        if (!hasOwn(C, key.key)) addPrivate(C, key, true);
      } else if (record.privateMethods.indexOf(key) < 0) {
        record.privateMethods.push(key);
      }
      continue;
    }
    key = propertyKey(key);
    if (isStatic && key === 'name') record.ownName = true;
    if (kind === METHOD) {
      Object.defineProperty(target, key, {
        value: named(value, key), writable: true, enumerable: false, configurable: true
      });
    } else {
      defineAccessor(target, key, named(value, key, kind === GETTER ? 'get' : 'set'),
                     kind === GETTER ? 'get' : 'set');
    }
  }
  for (var j = 0; j < statics.length; j += 3) {
    if (statics[j] === BLOCK) statics[j + 2].call(C);
    else defineField(C, statics[j + 1], statics[j + 2]);
  }
  return C;
};

// An anonymous class gets its inferred name, unless it has a static `name`.
var nameFunction = R.name;
R.name = function (fn, name) {
  if (hasOwn(fn, CLASS) && fn[CLASS].ownName) return fn;
  return nameFunction(fn, name);
};

function privateCheck(o, P, verb) {
  if (!isObject(o) || !hasOwn(o, P.key)) {
    throw new TypeError('Cannot ' + verb + ' private member ' + P.name +
                        (verb === 'read' ? ' from' : ' to') +
                        ' an object whose class did not declare it');
  }
}

R.pget = function (o, P) {
  privateCheck(o, P, 'read');
  if (P.kind === 'field') return o[P.key];
  if (P.kind === 'method') return P.method;
  if (P.get === undefined) throw new TypeError("'" + P.name + "' was defined without a getter");
  return P.get.call(o);
};

R.pset = function (o, P, value) {
  privateCheck(o, P, 'write');
  if (P.kind === 'field') {
    Object.defineProperty(o, P.key, { value: value });
  } else if (P.kind === 'method') {
    throw new TypeError('Private method is not writable');
  } else if (P.set === undefined) {
    throw new TypeError("'" + P.name + "' was defined without a setter");
  } else {
    P.set.call(o, value);
  }
  return value;
};

// ++o.#x and o.#x-- (`prefix`: the new value is the result).
R.pinc = function (o, P, delta, prefix) {
  var old = +R.pget(o, P);
  R.pset(o, P, old + delta);
  return prefix ? old + delta : old;
};

R.phas = function (o, P) {
  if (!isObject(o)) {
    throw new TypeError("Cannot use 'in' operator to search for '" + P.name + "' in " + describe(o));
  }
  return hasOwn(o, P.key);
};
