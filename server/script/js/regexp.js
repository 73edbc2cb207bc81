// Regular expressions beyond Duktape's.
//
// Translation: the `s` flag, named groups and the `y` flag become ES5
// patterns (lowering/literal_text.h, TranslateRegExp) — at lowering time for
// literals, at run time through I.regexpToEs5 for `new RegExp` (the global
// RegExp is wrapped for it). R.regexp gives a translated object its own
// `source`, `flags`, `dotAll`, `sticky` (and `global`), and an `exec` that
// adds `groups` and accepts a sticky match only at lastIndex.
//
// The protocol: RegExp.prototype[Symbol.replace / match / search / split]
// as the specification writes them (they call `exec`, so subclasses and
// translated regexps work), and String.prototype.replace / match / search /
// split dispatching on those symbols. A plain regexp whose methods nobody
// replaced takes Duktape's natives, which give the same results faster.
// Loaded like promise.js.
'use strict';

// On a translated regexp: its group names, ["name", index, ...] (maybe
// empty), and whether it is sticky.
var NAMES = I.hidden('regexpGroupNames');
var STICKY = I.hidden('regexpSticky');
var hasOwn = Function.prototype.call.bind(Object.prototype.hasOwnProperty);
var classOf = Function.prototype.call.bind(Object.prototype.toString);
var NativeRegExp = RegExp;
var nativeExec = RegExp.prototype.exec;
var nativeMatch = String.prototype.match;
var nativeReplace = String.prototype.replace;
var nativeSearch = String.prototype.search;
var nativeSplit = String.prototype.split;
var es5Source = Object.getOwnPropertyDescriptor(RegExp.prototype, 'source').get;
var es5Flags = Object.getOwnPropertyDescriptor(RegExp.prototype, 'flags').get;
var MAX_LENGTH = 9007199254740991;

function isObject(x) {
  return x !== null && (typeof x === 'object' || typeof x === 'function');
}

function toLength(x) {
  var n = Number(x);
  if (n !== n || n <= 0) return 0;
  return n >= MAX_LENGTH ? MAX_LENGTH : Math.floor(n);
}

function toIntegerOrInfinity(x) {
  var n = Number(x);
  if (n !== n) return 0;
  return n < 0 ? Math.ceil(n) : Math.floor(n);
}

function requireObject(rx, method) {
  if (!isObject(rx)) {
    throw new TypeError('RegExp.prototype.' + method + ' called on a non-object');
  }
}

function requireCoercible(s, method) {
  if (s === null || s === undefined) {
    throw new TypeError('String.prototype.' + method + ' called on null or undefined');
  }
}

function advance(s, index, unicode) {
  if (!unicode || index + 1 >= s.length) return index + 1;
  var c = s.charCodeAt(index);
  if (c < 0xd800 || c > 0xdbff) return index + 1;
  var d = s.charCodeAt(index + 1);
  return d < 0xdc00 || d > 0xdfff ? index + 1 : index + 2;
}

function groupsOf(names, match) {
  var groups = Object.create(null);
  for (var i = 0; i < names.length; i += 2) groups[names[i]] = match[names[i + 1]];
  return groups;
}

function own(o, key, value) {
  Object.defineProperty(o, key, { value: value, writable: false, enumerable: false, configurable: true });
}

function isTranslated(x) {
  return isObject(x) && hasOwn(x, NAMES);
}

// The exec of a translated regexp (Duktape's runs it, compiled global when
// sticky).
function translatedExec(string) {
  var s = String(string);
  var match;
  if (this[STICKY] === true) {
    var start = toLength(this.lastIndex);
    if (start > s.length) {
      this.lastIndex = 0;
      return null;
    }
    this.lastIndex = start;
    match = nativeExec.call(this, s);
    if (match !== null && match.index !== start) {
      this.lastIndex = 0;
      match = null;
    }
  } else {
    match = nativeExec.call(this, s);
  }
  var names = this[NAMES];
  if (match !== null && names !== undefined && names.length > 0) {
    match.groups = groupsOf(names, match);
  }
  return match;
}

// Its test: Duktape's would not call exec.
function translatedTest(string) {
  return regExpExec(this, String(string)) !== null;
}

R.regexp = function (re, source, flags, names) {
  var sticky = flags.indexOf('y') >= 0;
  own(re, 'source', source);
  own(re, 'flags', flags);
  own(re, 'dotAll', flags.indexOf('s') >= 0);
  own(re, NAMES, names === null ? [] : names);
  if (sticky) {
    own(re, 'sticky', true);
    own(re, 'global', flags.indexOf('g') >= 0);
    own(re, STICKY, true);
  }
  if (names !== null || sticky) {
    Object.defineProperty(re, 'exec', {
      value: translatedExec, writable: true, enumerable: false, configurable: true
    });
    Object.defineProperty(re, 'test', {
      value: translatedTest, writable: true, enumerable: false, configurable: true
    });
  }
  return re;
};

// ---- The RegExp constructor. ----------------------------------------------

function isRegExp(x) {
  if (!isObject(x)) return false;
  var matcher = x[Symbol.match];
  if (matcher !== undefined) return !!matcher;
  return classOf(x) === '[object RegExp]';
}

function checkFlags(flags) {
  for (var i = 0; i < flags.length; i++) {
    var f = flags.charAt(i);
    if ('gimsy'.indexOf(f) < 0 || flags.indexOf(f, i + 1) >= 0) {
      throw new SyntaxError("Invalid flags supplied to RegExp constructor '" + flags + "'");
    }
  }
}

var WrappedRegExp = function RegExp(pattern, flags) {
  var newTarget = new.target;
  var patternIsRegExp = isRegExp(pattern);
  if (newTarget === undefined) {
    newTarget = WrappedRegExp;
    if (patternIsRegExp && flags === undefined && pattern.constructor === WrappedRegExp) {
      return pattern;
    }
  }
  var p, f;
  if (isObject(pattern) && classOf(pattern) === '[object RegExp]') {
    var translated = hasOwn(pattern, NAMES);
    p = translated ? pattern.source : es5Source.call(pattern);
    f = flags !== undefined ? flags : translated ? pattern.flags : es5Flags.call(pattern);
  } else if (patternIsRegExp) {
    p = pattern.source;
    f = flags === undefined ? pattern.flags : flags;
  } else {
    p = pattern;
    f = flags;
  }
  p = p === undefined ? '' : String(p);
  f = f === undefined ? '' : String(f);
  var re;
  if (f.indexOf('s') < 0 && f.indexOf('y') < 0 && p.indexOf('(?<') < 0) {
    re = new NativeRegExp(p, f);
  } else {
    checkFlags(f);
    var es5 = I.regexpToEs5(p, f);
    re = es5 === null ? new NativeRegExp(p, f)
                      : R.regexp(new NativeRegExp(es5[0], es5[1]), p, f, es5[2]);
  }
  if (newTarget !== WrappedRegExp) {
    var proto = newTarget.prototype;
    Object.setPrototypeOf(re, isObject(proto) ? proto : NativeRegExp.prototype);
  }
  return re;
};
Object.defineProperty(WrappedRegExp, 'prototype', { value: NativeRegExp.prototype, writable: false });
Object.defineProperty(NativeRegExp.prototype, 'constructor', {
  value: WrappedRegExp, writable: true, enumerable: false, configurable: true
});
Object.defineProperty(WrappedRegExp, Symbol.species, {
  get: Object.defineProperty(function () { return this; }, 'name', { value: 'get [Symbol.species]' }),
  enumerable: false, configurable: true
});
// classes.js: made by itself, then given the subclass's prototype, like the
// natives.
WrappedRegExp[I.hidden('nativeLike')] = true;
Object.defineProperty(global, 'RegExp', {
  value: WrappedRegExp, writable: true, enumerable: false, configurable: true
});

// ---- RegExp.prototype[Symbol.*] --------------------------------------------

// RegExpExec: the object's own exec if it has one, else the built-in.
function regExpExec(rx, s) {
  var exec = rx.exec;
  if (typeof exec === 'function') {
    var result = exec.call(rx, s);
    if (result !== null && !isObject(result)) {
      throw new TypeError('exec returned neither an object nor null');
    }
    return result;
  }
  if (classOf(rx) !== '[object RegExp]') {
    throw new TypeError('RegExp exec method called on an incompatible receiver');
  }
  return nativeExec.call(rx, s);
}

// GetSubstitution: `$$`, `$&`, `` $` ``, `$'`, `$n`, `$nn` and `$<name>` in
// a replacement string.
function substitute(matched, s, position, captures, groups, replacement) {
  if (replacement.indexOf('$') < 0) return replacement;
  var tail = position + matched.length;
  var m = captures.length;
  var out = '';
  for (var i = 0; i < replacement.length; i++) {
    var c = replacement.charAt(i);
    if (c !== '$' || i + 1 === replacement.length) {
      out += c;
      continue;
    }
    var next = replacement.charAt(i + 1);
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '&') {
      out += matched;
      i++;
    } else if (next === '`') {
      out += s.slice(0, position);
      i++;
    } else if (next === "'") {
      if (tail < s.length) out += s.slice(tail);
      i++;
    } else if (next >= '0' && next <= '9') {
      var one = +next;
      var after = replacement.charAt(i + 2);
      var two = after >= '0' && after <= '9' ? one * 10 + +after : -1;
      var n, digits;
      if (two >= 1 && two <= m) {
        n = two;
        digits = 2;
      } else if (one >= 1 && one <= m) {
        n = one;
        digits = 1;
      } else {
        out += '$';
        continue;
      }
      var capture = captures[n - 1];
      if (capture !== undefined) out += capture;
      i += digits;
    } else if (next === '<' && groups !== undefined) {
      var close = replacement.indexOf('>', i + 2);
      if (close < 0) {
        out += '$';
        continue;
      }
      var value = groups[replacement.slice(i + 2, close)];
      if (value !== undefined) out += String(value);
      i = close;
    } else {
      out += '$';
    }
  }
  return out;
}

function method(key, name, length, fn) {
  Object.defineProperty(fn, 'name', { value: name });
  Object.defineProperty(fn, 'length', { value: length });
  Object.defineProperty(NativeRegExp.prototype, key, {
    value: fn, writable: true, enumerable: false, configurable: true
  });
  return fn;
}

var protoReplace = method(Symbol.replace, '[Symbol.replace]', 2, function (string, replaceValue) {
  var rx = this;
  requireObject(rx, '@@replace');
  var s = String(string);
  var functional = typeof replaceValue === 'function';
  if (!functional) replaceValue = String(replaceValue);
  var global = !!rx.global;
  var unicode = false;
  if (global) {
    unicode = !!rx.unicode;
    rx.lastIndex = 0;
  }
  var results = [];
  for (;;) {
    var result = regExpExec(rx, s);
    if (result === null) break;
    results.push(result);
    if (!global) break;
    if (String(result[0]) === '') {
      rx.lastIndex = advance(s, toLength(rx.lastIndex), unicode);
    }
  }
  var out = '';
  var nextPosition = 0;
  for (var i = 0; i < results.length; i++) {
    result = results[i];
    var nCaptures = Math.max(toLength(result.length) - 1, 0);
    var matched = String(result[0]);
    var position = Math.max(Math.min(toIntegerOrInfinity(result.index), s.length), 0);
    var captures = [];
    for (var n = 1; n <= nCaptures; n++) {
      var capture = result[n];
      captures.push(capture === undefined ? undefined : String(capture));
    }
    var groups = result.groups;
    var replacement;
    if (functional) {
      var args = [matched].concat(captures, position, s);
      if (groups !== undefined) args.push(groups);
      replacement = String(replaceValue.apply(undefined, args));
    } else {
      if (groups !== undefined) groups = Object(groups);
      replacement = substitute(matched, s, position, captures, groups, replaceValue);
    }
    if (position >= nextPosition) {
      out += s.slice(nextPosition, position) + replacement;
      nextPosition = position + matched.length;
    }
  }
  return nextPosition >= s.length ? out : out + s.slice(nextPosition);
});

var protoMatch = method(Symbol.match, '[Symbol.match]', 1, function (string) {
  var rx = this;
  requireObject(rx, '@@match');
  var s = String(string);
  if (!rx.global) return regExpExec(rx, s);
  var unicode = !!rx.unicode;
  rx.lastIndex = 0;
  var all = [];
  for (;;) {
    var result = regExpExec(rx, s);
    if (result === null) return all.length === 0 ? null : all;
    var matched = String(result[0]);
    all.push(matched);
    if (matched === '') rx.lastIndex = advance(s, toLength(rx.lastIndex), unicode);
  }
});

var protoSearch = method(Symbol.search, '[Symbol.search]', 1, function (string) {
  var rx = this;
  requireObject(rx, '@@search');
  var s = String(string);
  var previous = rx.lastIndex;
  if (!Object.is(previous, 0)) rx.lastIndex = 0;
  var result = regExpExec(rx, s);
  if (!Object.is(rx.lastIndex, previous)) rx.lastIndex = previous;
  return result === null ? -1 : result.index;
});

function speciesConstructor(o, fallback) {
  var C = o.constructor;
  if (C === undefined) return fallback;
  if (!isObject(C)) throw new TypeError('object.constructor is not an object');
  var S = C[Symbol.species];
  if (S === undefined || S === null) return fallback;
  if (typeof S !== 'function') throw new TypeError('object.constructor[Symbol.species] is not a constructor');
  return S;
}

var protoSplit = method(Symbol.split, '[Symbol.split]', 2, function (string, limit) {
  var rx = this;
  requireObject(rx, '@@split');
  var s = String(string);
  var C = speciesConstructor(rx, WrappedRegExp);
  var flags = String(rx.flags);
  var unicode = flags.indexOf('u') >= 0;
  var splitter = new C(rx, flags.indexOf('y') >= 0 ? flags : flags + 'y');
  var out = [];
  var lim = limit === undefined ? 4294967295 : limit >>> 0;
  if (lim === 0) return out;
  var size = s.length;
  if (size === 0) {
    if (regExpExec(splitter, s) === null) out.push(s);
    return out;
  }
  var p = 0;
  var q = 0;
  while (q < size) {
    splitter.lastIndex = q;
    var z = regExpExec(splitter, s);
    var e;
    if (z === null || (e = Math.min(toLength(splitter.lastIndex), size)) === p) {
      q = advance(s, q, unicode);
      continue;
    }
    out.push(s.slice(p, q));
    if (out.length === lim) return out;
    p = e;
    var nCaptures = Math.max(toLength(z.length) - 1, 0);
    for (var i = 1; i <= nCaptures; i++) {
      out.push(z[i]);
      if (out.length === lim) return out;
    }
    q = p;
  }
  out.push(s.slice(p));
  return out;
});

// ---- String.prototype -------------------------------------------------------

// A regexp Duktape's natives handle exactly as the protocol would.
function isPlain(rx) {
  return rx.exec === nativeExec && !hasOwn(rx, NAMES) && classOf(rx) === '[object RegExp]';
}

function define(name, fn) {
  Object.defineProperty(String.prototype, name, {
    value: fn, writable: true, enumerable: false, configurable: true
  });
}

define('replace', function replace(searchValue, replaceValue) {
  requireCoercible(this, 'replace');
  if (isObject(searchValue)) {
    var replacer = searchValue[Symbol.replace];
    if (replacer !== undefined && replacer !== null) {
      if (replacer === protoReplace && isPlain(searchValue)) {
        return nativeReplace.call(this, searchValue, replaceValue);
      }
      return replacer.call(searchValue, this, replaceValue);
    }
  }
  var s = String(this);
  var search = String(searchValue);
  if (typeof replaceValue !== 'function') replaceValue = String(replaceValue);
  return nativeReplace.call(s, search, replaceValue);
});

// match and search: the regexp's own method, else a RegExp of the
// argument's.
function matcherMethod(name, key, protoMethod, native) {
  define(name, Object.defineProperty(function (regexp) {
    requireCoercible(this, name);
    if (isObject(regexp)) {
      var method = regexp[key];
      if (method !== undefined && method !== null) {
        if (method === protoMethod && isPlain(regexp)) return native.call(this, regexp);
        return method.call(regexp, this);
      }
    }
    var s = String(this);
    if (NativeRegExp.prototype[key] === protoMethod) return native.call(s, regexp);
    return new WrappedRegExp(regexp)[key](s);
  }, 'name', { value: name, configurable: true }));
}
matcherMethod('match', Symbol.match, protoMatch, nativeMatch);
matcherMethod('search', Symbol.search, protoSearch, nativeSearch);

define('split', function split(separator, limit) {
  requireCoercible(this, 'split');
  if (isObject(separator)) {
    var splitter = separator[Symbol.split];
    if (splitter !== undefined && splitter !== null) {
      if (splitter === protoSplit && isPlain(separator)) {
        return nativeSplit.call(this, separator, limit);
      }
      return splitter.call(separator, this, limit);
    }
  }
  var s = String(this);
  var lim = limit === undefined ? 4294967295 : limit >>> 0;
  var sep = String(separator);
  if (lim === 0) return [];
  if (separator === undefined) return [s];
  return nativeSplit.call(s, sep, lim);
});
