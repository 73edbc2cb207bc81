// Regular expressions beyond Duktape's: the lowering turns the `s` flag and
// named groups into ES5 patterns (lowering/literal_text.h, RegExpToEs5) and
// hands the object to R.regexp, which gives it its own `source`, `flags`
// and `dotAll`, and for named groups an `exec` whose matches have `groups`.
// String.prototype.match and replace, natives that do not call `exec`, are
// wrapped to add `groups` and to read `$<name>` in replacement strings; for
// other regexps they are the natives. Loaded like promise.js.
'use strict';

// On a translated regexp: its group names, ["name", index, ...] (maybe
// empty).
var NAMES = I.hidden('regexpGroupNames');
var hasOwn = Function.prototype.call.bind(Object.prototype.hasOwnProperty);
var nativeExec = RegExp.prototype.exec;
var nativeMatch = String.prototype.match;
var nativeReplace = String.prototype.replace;
var nativeMatchAll = String.prototype.matchAll;
var es5Source = Object.getOwnPropertyDescriptor(RegExp.prototype, 'source').get;
var es5Flags = Object.getOwnPropertyDescriptor(RegExp.prototype, 'flags').get;

function groupsOf(names, match) {
  var groups = Object.create(null);
  for (var i = 0; i < names.length; i += 2) groups[names[i]] = match[names[i + 1]];
  return groups;
}

function own(o, key, value) {
  Object.defineProperty(o, key, { value: value, writable: false, enumerable: false, configurable: true });
}

function isTranslated(x) {
  return x !== null && typeof x === 'object' && hasOwn(x, NAMES);
}

function isNamed(x) {
  return isTranslated(x) && x[NAMES].length > 0;
}

function execWithGroups(string) {
  var match = nativeExec.call(this, string);
  if (match !== null) match.groups = groupsOf(this[NAMES], match);
  return match;
}

R.regexp = function (re, source, flags, names) {
  own(re, 'source', source);
  own(re, 'flags', flags);
  own(re, 'dotAll', flags.indexOf('s') >= 0);
  own(re, NAMES, names === null ? [] : names);
  if (names !== null) {
    Object.defineProperty(re, 'exec', {
      value: execWithGroups, writable: true, enumerable: false, configurable: true
    });
  }
  return re;
};

function define(name, fn) {
  Object.defineProperty(String.prototype, name, {
    value: fn, writable: true, enumerable: false, configurable: true
  });
}

define('match', function match(regexp) {
  if (isNamed(regexp) && !regexp.global) {
    if (this === null || this === undefined) {
      throw new TypeError('String.prototype.match called on null or undefined');
    }
    return regexp.exec(String(this));
  }
  return nativeMatch.apply(this, arguments);
});

define('replace', function replace(searchValue, replaceValue) {
  if (isNamed(searchValue)) {
    var names = searchValue[NAMES];
    if (typeof replaceValue === 'function') {
      var fn = replaceValue;
      // node passes the groups last: (match, p1.., offset, string, groups).
      replaceValue = function () {
        var args = Array.prototype.slice.call(arguments);
        args.push(groupsOf(names, args.slice(0, args.length - 2)));
        return fn.apply(undefined, args);
      };
    } else {
      replaceValue = nativeReplace.call(String(replaceValue), /\$(\$|<([^>]*)>)/g,
        function (all, what, name) {
          if (what === '$') return '$$';
          for (var i = 0; i < names.length; i += 2) {
            if (names[i] === name) return '$' + names[i + 1];
          }
          return '';
        });
    }
  }
  return nativeReplace.call(this, searchValue, replaceValue);
});

// matchAll clones its regexp, which Duktape cannot do from the source of a
// translated one: this clone keeps the translation.
define('matchAll', function matchAll(regexp) {
  if (!isTranslated(regexp)) return nativeMatchAll.apply(this, arguments);
  if (this === null || this === undefined) {
    throw new TypeError('String.prototype.matchAll called on null or undefined');
  }
  if (regexp.flags.indexOf('g') < 0) {
    throw new TypeError('String.prototype.matchAll called with a non-global RegExp argument');
  }
  var string = String(this);
  var clone = R.regexp(new RegExp(es5Source.call(regexp), es5Flags.call(regexp)), regexp.source,
                       regexp.flags, regexp[NAMES].length > 0 ? regexp[NAMES] : null);
  clone.lastIndex = regexp.lastIndex;
  var done = false;
  var it = {
    next: function () {
      var match = done ? null : clone.exec(string);
      if (match === null) {
        done = true;
        return { value: undefined, done: true };
      }
      if (match[0] === '') clone.lastIndex++;
      return { value: match, done: false };
    }
  };
  it[Symbol.iterator] = function () { return this; };
  return it;
});
