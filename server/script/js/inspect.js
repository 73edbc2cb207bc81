// util.inspect / util.format as node prints them, for console.*: the same
// layout rules (80-column break length, 3 levels combined on one line,
// numeric array grouping, depth 2, quotes, circular references) for the
// values a service file can hold. Loaded after builtins.js and promise.js.
'use strict';

var kObjectType = 0;
var kArrayType = 1;
var kArrayExtrasType = 2;
var kMinLineWidth = 16;
var hasOwn = Object.prototype.hasOwnProperty;
var isEnumerable = Object.prototype.propertyIsEnumerable;
var objectToString = Object.prototype.toString;
var symbolToString = Symbol.prototype.toString;
var customInspectSymbol = Symbol['for']('nodejs.util.inspect.custom');
var keyStrRegExp = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
var indexRegExp = /^(0|[1-9][0-9]*)$/;

var defaultOptions = {
  showHidden: false, depth: 2, customInspect: true, maxArrayLength: 100,
  maxStringLength: 10000, breakLength: 80, compact: 3, sorted: false
};

function inspect(value, opts) {
  var ctx = {
    seen: [], circular: [], indentationLvl: 0, currentDepth: 0
  };
  for (var k in defaultOptions) ctx[k] = defaultOptions[k];
  if (opts !== null && typeof opts === 'object') {
    for (var key in opts) {
      if (hasOwn.call(defaultOptions, key)) ctx[key] = opts[key];
    }
  }
  if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
  if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
  return formatValue(ctx, value, 0);
}
inspect.custom = customInspectSymbol;
inspect.defaultOptions = defaultOptions;

// ---- Primitives. ---------------------------------------------------------
function hex2(c) {
  var h = c.toString(16).toUpperCase();
  return h.length < 2 ? '0' + h : h;
}
function escapeChar(c, quote) {
  switch (c) {
    case 8: return '\\b';
    case 9: return '\\t';
    case 10: return '\\n';
    case 12: return '\\f';
    case 13: return '\\r';
    case 92: return '\\\\';
    default:
      if (c === quote) return '\\' + String.fromCharCode(c);
      return '\\x' + hex2(c);
  }
}

// Quotes a string like node: single quotes, unless it contains one and
// double quotes (or, failing those, backticks) avoid escaping.
function strEscape(str) {
  var quote = 39;
  if (str.indexOf("'") !== -1) {
    if (str.indexOf('"') === -1) quote = 34;
    else if (str.indexOf('`') === -1 && str.indexOf('${') === -1) quote = 96;
  }
  var out = '';
  var last = 0;
  for (var i = 0; i < str.length; i++) {
    var c = str.charCodeAt(i);
    if (c < 32 || c === quote || c === 92 || (c >= 0x7f && c <= 0x9f)) {
      out += str.slice(last, i) + escapeChar(c, quote);
      last = i + 1;
    }
  }
  out += str.slice(last);
  var q = String.fromCharCode(quote);
  return q + out + q;
}

function formatNumber(value) {
  return value === 0 && 1 / value < 0 ? '-0' : String(value);
}

function splitNewLines(value) {
  var lines = [];
  var start = 0;
  for (var i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', start)) {
    lines.push(value.slice(start, i + 1));
    start = i + 1;
  }
  if (start < value.length) lines.push(value.slice(start));
  return lines;
}

function formatPrimitive(ctx, value) {
  switch (typeof value) {
    case 'string': {
      var trailer = '';
      if (value.length > ctx.maxStringLength) {
        var rest = value.length - ctx.maxStringLength;
        value = value.slice(0, ctx.maxStringLength);
        trailer = '... ' + rest + ' more character' + (rest > 1 ? 's' : '');
      }
      if (ctx.compact !== true && value.length > kMinLineWidth &&
          value.length > ctx.breakLength - ctx.indentationLvl - 4) {
        return splitNewLines(value).map(strEscape)
            .join(' +\n' + ' '.repeat(ctx.indentationLvl + 2)) + trailer;
      }
      return strEscape(value) + trailer;
    }
    case 'number': return formatNumber(value);
    case 'boolean': return String(value);
    case 'undefined': return 'undefined';
    case 'symbol': return symbolToString.call(value);
    default: return String(value);
  }
}

// ---- Classification helpers. ----------------------------------------------
function getConstructorName(obj) {
  var firstProto;
  var o = obj;
  while (o !== null && o !== undefined) {
    var d = Object.getOwnPropertyDescriptor(o, 'constructor');
    if (d !== undefined && typeof d.value === 'function' && d.value.name !== '') {
      return String(d.value.name);
    }
    o = Object.getPrototypeOf(o);
    if (firstProto === undefined) firstProto = o;
  }
  return firstProto === null ? null : 'Object';
}

function getPrefix(constructor, tag, fallback, size) {
  size = size || '';
  if (constructor === null) {
    if (tag !== '' && fallback !== tag) return '[' + fallback + size + ': null prototype] [' + tag + '] ';
    return '[' + fallback + size + ': null prototype] ';
  }
  if (tag !== '' && constructor !== tag) return constructor + size + ' [' + tag + '] ';
  return constructor + size + ' ';
}

function enumerableSymbols(value) {
  return Object.getOwnPropertySymbols(value).filter(function (s) {
    return isEnumerable.call(value, s);
  });
}

function getKeys(value, showHidden) {
  var keys = showHidden ? Object.getOwnPropertyNames(value) : Object.keys(value);
  var symbols = showHidden ? Object.getOwnPropertySymbols(value) : enumerableSymbols(value);
  return symbols.length === 0 ? keys : keys.concat(symbols);
}

function getNonIndexKeys(value, showHidden) {
  return getKeys(value, showHidden).filter(function (k) {
    return typeof k !== 'string' || !indexRegExp.test(k);
  });
}

function internalClass(value) {
  return objectToString.call(value).slice(8, -1);
}

var typedArrayNames = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array',
                       'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array',
                       'Float64Array'];
function isTypedArray(value) {
  return typeof ArrayBuffer !== 'undefined' && ArrayBuffer.isView(value) &&
         typedArrayNames.indexOf(internalClass(value)) !== -1;
}

function isError(value) {
  return value instanceof Error || internalClass(value) === 'Error';
}

// ---- Objects. ---------------------------------------------------------------
function formatValue(ctx, value, recurseTimes) {
  if (typeof value !== 'object' && typeof value !== 'function') {
    return formatPrimitive(ctx, value);
  }
  if (value === null) return 'null';

  if (ctx.customInspect) {
    var custom = value[customInspectSymbol];
    if (typeof custom === 'function' && custom !== inspect &&
        !(value.constructor && value.constructor.prototype === value)) {
      var depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
      var ret = custom.call(value, depth, inspectOptions(ctx), inspect);
      if (ret !== value) {
        if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
        return ret.replace(/\n/g, '\n' + ' '.repeat(ctx.indentationLvl));
      }
    }
  }

  if (ctx.seen.indexOf(value) !== -1) {
    var index = ctx.circular.indexOf(value);
    if (index === -1) {
      ctx.circular.push(value);
      index = ctx.circular.length - 1;
    }
    return '[Circular *' + (index + 1) + ']';
  }
  return formatRaw(ctx, value, recurseTimes);
}

function inspectOptions(ctx) {
  var o = {};
  for (var k in defaultOptions) o[k] = ctx[k];
  return o;
}

function emptyOutput() { return []; }

function formatRaw(ctx, value, recurseTimes) {
  var constructor = getConstructorName(value);
  var tag = value[Symbol.toStringTag];
  if (typeof tag !== 'string' ||
      (tag !== '' && (ctx.showHidden ? hasOwn : isEnumerable).call(value, Symbol.toStringTag))) {
    tag = '';
  }
  var base = '';
  var formatter = emptyOutput;
  var braces;
  var keys;
  var extrasType = kObjectType;
  var collection;
  var prefix;

  if (Array.isArray(value)) {
    keys = getNonIndexKeys(value, ctx.showHidden);
    prefix = (constructor !== 'Array' || tag !== '')
        ? getPrefix(constructor, tag, 'Array', '(' + value.length + ')') : '';
    braces = [prefix + '[', ']'];
    if (value.length === 0 && keys.length === 0) return braces[0] + ']';
    extrasType = kArrayExtrasType;
    formatter = formatArray;
  } else if ((collection = I.collectionEntries(value)) !== undefined) {
    keys = getKeys(value, ctx.showHidden);
    prefix = getPrefix(constructor, tag, collection.kind, '(' + collection.entries.length + ')');
    if (collection.entries.length === 0 && keys.length === 0) return prefix + '{}';
    braces = [prefix + '{', '}'];
    formatter = collection.kind === 'Map' ? formatMap : formatSet;
  } else if (isTypedArray(value)) {
    keys = getNonIndexKeys(value, ctx.showHidden);
    var fallback = internalClass(value);
    prefix = getPrefix(constructor, tag, fallback, '(' + value.length + ')');
    braces = [prefix + '[', ']'];
    if (value.length === 0 && keys.length === 0) return braces[0] + ']';
    formatter = formatTypedArray;
    extrasType = kArrayExtrasType;
  } else {
    keys = getKeys(value, ctx.showHidden);
    braces = ['{', '}'];
    var cls = internalClass(value);
    if (typeof value === 'function') {
      base = getFunctionBase(value, constructor, tag);
      if (keys.length === 0) return base;
    } else if (constructor === 'Object' && cls === 'Arguments') {
      braces[0] = '[Arguments] {';
      if (keys.length === 0) return '[Arguments] {}';
    } else if (constructor === 'Object' && !I.isPromise(value) && cls === 'Object') {
      if (tag !== '') braces[0] = getPrefix(constructor, tag, 'Object') + '{';
      if (keys.length === 0) return braces[0] + '}';
    } else if (cls === 'RegExp') {
      base = RegExp.prototype.toString.call(value);
      prefix = getPrefix(constructor, tag, 'RegExp');
      if (prefix !== 'RegExp ') base = prefix + base;
      if (keys.length === 0 || (ctx.depth !== null && recurseTimes > ctx.depth)) return base;
    } else if (cls === 'Date') {
      var t = Date.prototype.getTime.call(value);
      base = t !== t ? Date.prototype.toString.call(value) : Date.prototype.toISOString.call(value);
      prefix = getPrefix(constructor, tag, 'Date');
      if (prefix !== 'Date ') base = prefix + base;
      if (keys.length === 0) return base;
    } else if (isError(value)) {
      base = formatError(value, constructor, tag, ctx, keys);
      if (keys.length === 0) return base;
    } else if (I.isPromise(value)) {
      braces[0] = getPrefix(constructor, tag, 'Promise') + '{';
      formatter = formatPromise;
    } else if (I.weakKind(value) !== undefined) {
      braces[0] = getPrefix(constructor, tag, I.weakKind(value)) + '{';
      formatter = formatWeakCollection;
    } else if (cls === 'ArrayBuffer') {
      braces[0] = getPrefix(constructor, tag, 'ArrayBuffer') + '{';
      formatter = formatArrayBuffer;
    } else if (cls === 'Number' || cls === 'String' || cls === 'Boolean' || cls === 'Symbol') {
      base = getBoxedBase(value, ctx, keys, constructor, tag, cls);
      if (keys.length === 0) return base;
    } else {
      var style = getPrefix(constructor, tag, constructor === null ? 'Object' : cls);
      if (keys.length === 0) return style + '{}';
      braces[0] = style + '{';
    }
  }

  if (ctx.depth !== null && recurseTimes > ctx.depth) {
    var name = getPrefix(constructor, tag, constructor === null ? 'Object' : internalClass(value)).slice(0, -1);
    if (Array.isArray(value)) name = getPrefix(constructor, tag, 'Array').slice(0, -1);
    return constructor !== null ? '[' + name + ']' : name;
  }
  recurseTimes += 1;
  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  var output = formatter(ctx, value, recurseTimes, collection);
  for (var i = 0; i < keys.length; i++) {
    output.push(formatProperty(ctx, value, recurseTimes, keys[i], extrasType));
  }
  var ref = ctx.circular.indexOf(value);
  if (ref !== -1) {
    var reference = '<ref *' + (ref + 1) + '>';
    base = base === '' ? reference : reference + ' ' + base;
  }
  ctx.seen.pop();
  if (ctx.sorted) {
    var cmp = ctx.sorted === true ? undefined : ctx.sorted;
    if (extrasType === kObjectType) output = output.sort(cmp);
  }
  return reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
}

function getFunctionBase(value, constructor, tag) {
  var b = '[Function';
  if (constructor === null) b += ' (null prototype)';
  b += value.name === '' || value.name === undefined ? ' (anonymous)' : ': ' + value.name;
  b += ']';
  if (constructor !== 'Function' && constructor !== null) b += ' ' + constructor;
  if (tag !== '' && constructor !== tag) b += ' [' + tag + ']';
  return b;
}

function getBoxedBase(value, ctx, keys, constructor, tag, type) {
  var prim;
  if (type === 'Number') prim = Number.prototype.valueOf.call(value);
  else if (type === 'String') prim = String.prototype.valueOf.call(value);
  else if (type === 'Boolean') prim = Boolean.prototype.valueOf.call(value);
  else prim = Symbol.prototype.valueOf.call(value);
  if (type === 'String') {
    var n = prim.length;
    for (var i = keys.length - 1; i >= 0; i--) {
      if (typeof keys[i] === 'string' && indexRegExp.test(keys[i]) && Number(keys[i]) < n) keys.splice(i, 1);
    }
  }
  var b = '[' + type;
  if (type !== constructor) b += constructor === null ? ' (null prototype)' : ' (' + constructor + ')';
  b += ': ' + formatPrimitive({ compact: true, maxStringLength: Infinity, indentationLvl: 0, breakLength: Infinity }, prim) + ']';
  if (tag !== '' && tag !== constructor) b += ' [' + tag + ']';
  return b;
}

// Duktape stack lines carry flags ("preventsyield", "strict", ...) and
// frames of the runtime itself; drop those so user frames read like V8's.
function cleanStack(stack) {
  var lines = String(stack).split('\n');
  var out = [];
  for (var i = 0; i < lines.length; i++) {
    var line = lines[i];
    var m = /^(\s+at .*?\))(?: [a-z ]+)?$/.exec(line);
    if (m !== null) {
      if (/\(runy:|\.c:\d+\)|\(\)$/.test(m[1])) continue;
      line = m[1];
    }
    out.push(line);
  }
  return out.join('\n');
}
I.cleanStack = cleanStack;

function formatError(err, constructor, tag, ctx, keys) {
  var name = err.name !== null && err.name !== undefined ? String(err.name) : 'Error';
  var stack = err.stack ? cleanStack(err.stack) : Error.prototype.toString.call(err);
  var dup = ['name', 'message', 'stack'];
  for (var d = 0; d < dup.length; d++) {
    var at = keys.indexOf(dup[d]);
    if (at !== -1 && typeof err[dup[d]] === 'string' && stack.indexOf(err[dup[d]]) !== -1) keys.splice(at, 1);
  }
  if ('cause' in err && keys.indexOf('cause') === -1) keys.push('cause');
  if (Array.isArray(err.errors) && keys.indexOf('errors') === -1) keys.push('errors');
  if (constructor !== null && constructor !== name && stack.indexOf(name) === 0 &&
      constructor.indexOf(name) !== -1 && /Error$/.test(name)) {
    stack = constructor + stack.slice(name.length);
  }
  var pos = (err.message && stack.indexOf(err.message)) || -1;
  if (pos !== -1) pos += err.message.length;
  if (stack.indexOf('\n    at', pos) === -1) stack = '[' + stack + ']';
  if (ctx.indentationLvl !== 0) stack = stack.replace(/\n/g, '\n' + ' '.repeat(ctx.indentationLvl));
  return stack;
}

function formatArray(ctx, value, recurseTimes) {
  var valLen = value.length;
  var len = Math.min(Math.max(0, ctx.maxArrayLength), valLen);
  var output = [];
  for (var i = 0; i < len; i++) {
    if (!hasOwn.call(value, i)) return formatSpecialArray(ctx, value, recurseTimes, len, output, i);
    output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType));
  }
  var remaining = valLen - len;
  if (remaining > 0) output.push('... ' + remaining + ' more item' + (remaining > 1 ? 's' : ''));
  return output;
}

// Sparse arrays: runs of holes print as "<N empty items>".
function formatSpecialArray(ctx, value, recurseTimes, maxLength, output, i) {
  var keys = Object.keys(value);
  var index = i;
  for (var k = 0; k < keys.length && output.length < maxLength; k++) {
    var key = keys[k];
    if (!indexRegExp.test(key)) continue;
    var n = Number(key);
    if (n < index) continue;
    if (n !== index) {
      var empty = n - index;
      output.push('<' + empty + ' empty item' + (empty > 1 ? 's' : '') + '>');
      index = n;
      if (output.length === maxLength) break;
    }
    output.push(formatProperty(ctx, value, recurseTimes, key, kArrayType));
    index++;
  }
  var remaining = value.length - index;
  if (output.length !== maxLength) {
    if (remaining > 0) output.push('<' + remaining + ' empty item' + (remaining > 1 ? 's' : '') + '>');
  } else if (remaining > 0) {
    output.push('... ' + remaining + ' more item' + (remaining > 1 ? 's' : ''));
  }
  return output;
}

function formatTypedArray(ctx, value) {
  var max = Math.min(Math.max(0, ctx.maxArrayLength), value.length);
  var output = [];
  for (var i = 0; i < max; i++) output.push(formatNumber(value[i]));
  var remaining = value.length - max;
  if (remaining > 0) output.push('... ' + remaining + ' more item' + (remaining > 1 ? 's' : ''));
  return output;
}

function formatArrayBuffer(ctx, value) {
  var bytes = new Uint8Array(value);
  var hex = [];
  var max = Math.min(ctx.maxArrayLength, bytes.length);
  for (var i = 0; i < max; i++) hex.push((bytes[i] < 16 ? '0' : '') + bytes[i].toString(16));
  var str = hex.join(' ');
  var remaining = bytes.length - max;
  if (remaining > 0) str += ' ... ' + remaining + ' more byte' + (remaining > 1 ? 's' : '');
  return ['[Uint8Contents]: <' + str + '>', 'byteLength: ' + formatNumber(value.byteLength)];
}

function formatSet(ctx, value, recurseTimes, collection) {
  var entries = collection.entries;
  var max = Math.min(Math.max(0, ctx.maxArrayLength), entries.length);
  var output = [];
  ctx.indentationLvl += 2;
  for (var i = 0; i < max; i++) output.push(formatValue(ctx, entries[i], recurseTimes));
  ctx.indentationLvl -= 2;
  var remaining = entries.length - max;
  if (remaining > 0) output.push('... ' + remaining + ' more item' + (remaining > 1 ? 's' : ''));
  return output;
}

function formatMap(ctx, value, recurseTimes, collection) {
  var entries = collection.entries;
  var max = Math.min(Math.max(0, ctx.maxArrayLength), entries.length);
  var output = [];
  ctx.indentationLvl += 2;
  for (var i = 0; i < max; i++) {
    output.push(formatValue(ctx, entries[i][0], recurseTimes) + ' => ' +
                formatValue(ctx, entries[i][1], recurseTimes));
  }
  ctx.indentationLvl -= 2;
  var remaining = entries.length - max;
  if (remaining > 0) output.push('... ' + remaining + ' more item' + (remaining > 1 ? 's' : ''));
  return output;
}

function formatPromise(ctx, value, recurseTimes) {
  var state = I.promiseState(value);
  if (state === 'pending') return ['<pending>'];
  ctx.indentationLvl += 2;
  var str = formatValue(ctx, I.promiseValue(value), recurseTimes);
  ctx.indentationLvl -= 2;
  return [state === 'rejected' ? '<rejected> ' + str : str];
}

function formatWeakCollection() { return ['<items unknown>']; }

function formatProperty(ctx, value, recurseTimes, key, type) {
  var str;
  var extra = ' ';
  var desc = Object.getOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true };
  if (desc.value !== undefined) {
    var diff = (ctx.compact !== true || type !== kObjectType) ? 2 : 3;
    ctx.indentationLvl += diff;
    str = formatValue(ctx, desc.value, recurseTimes);
    if (diff === 3 && ctx.breakLength < str.length) extra = '\n' + ' '.repeat(ctx.indentationLvl);
    ctx.indentationLvl -= diff;
  } else if (desc.get !== undefined) {
    str = desc.set !== undefined ? '[Getter/Setter]' : '[Getter]';
  } else if (desc.set !== undefined) {
    str = '[Setter]';
  } else {
    str = 'undefined';
  }
  if (type === kArrayType) return str;
  var name;
  if (typeof key === 'symbol') {
    name = '[' + symbolToString.call(key) + ']';
  } else if (key === '__proto__') {
    name = "['__proto__']";
  } else if (desc.enumerable === false) {
    name = '[' + key + ']';
  } else if (keyStrRegExp.test(key)) {
    name = key;
  } else {
    name = strEscape(String(key));
  }
  return name + ':' + extra + str;
}

// ---- Layout. ----------------------------------------------------------------
function groupArrayElements(ctx, output, value) {
  var totalLength = 0;
  var maxLength = 0;
  var outputLength = output.length;
  if (ctx.maxArrayLength < output.length) outputLength--;  // "... more items"
  var separatorSpace = 2;
  var dataLen = new Array(outputLength);
  var i;
  for (i = 0; i < outputLength; i++) {
    var len = output[i].length;
    dataLen[i] = len;
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  var actualMax = maxLength + separatorSpace;
  if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength &&
      (totalLength / actualMax > 5 || maxLength <= 6)) {
    var averageBias = Math.sqrt(actualMax - totalLength / output.length);
    var biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    var columns = Math.min(
        Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
        Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
        ctx.compact * 4,
        15);
    if (columns <= 1) return output;
    var tmp = [];
    var maxLineLength = [];
    for (i = 0; i < columns; i++) {
      var lineLength = 0;
      for (var j = i; j < output.length; j += columns) {
        if (dataLen[j] > lineLength) lineLength = dataLen[j];
      }
      maxLineLength.push(lineLength + separatorSpace);
    }
    var padStart = true;
    if (value !== undefined) {
      for (i = 0; i < output.length; i++) {
        if (typeof value[i] !== 'number') {
          padStart = false;
          break;
        }
      }
    }
    for (i = 0; i < outputLength; i += columns) {
      var max = Math.min(i + columns, outputLength);
      var str = '';
      var k = i;
      for (; k < max - 1; k++) {
        var cell = output[k] + ', ';
        str += padStart ? cell.padStart(maxLineLength[k - i], ' ') : cell.padEnd(maxLineLength[k - i], ' ');
      }
      str += padStart ? output[k].padStart(maxLineLength[k - i] - separatorSpace, ' ') : output[k];
      tmp.push(str);
    }
    if (ctx.maxArrayLength < output.length) tmp.push(output[outputLength]);
    output = tmp;
  }
  return output;
}

function isBelowBreakLength(ctx, output, start, base) {
  var totalLength = output.length + start;
  if (totalLength + output.length > ctx.breakLength) return false;
  for (var i = 0; i < output.length; i++) {
    totalLength += output[i].length;
    if (totalLength > ctx.breakLength) return false;
  }
  return base === '' || base.indexOf('\n') === -1;
}

function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
  if (ctx.compact !== true) {
    if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
      var entries = output.length;
      if (extrasType === kArrayExtrasType && entries > 6) output = groupArrayElements(ctx, output, value);
      if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
        var start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
        if (isBelowBreakLength(ctx, output, start, base)) {
          var joined = output.join(', ');
          if (joined.indexOf('\n') === -1) {
            return (base ? base + ' ' : '') + braces[0] + ' ' + joined + ' ' + braces[1];
          }
        }
      }
    }
    var indentation = '\n' + ' '.repeat(ctx.indentationLvl);
    return (base ? base + ' ' : '') + braces[0] + indentation + '  ' +
           output.join(',' + indentation + '  ') + indentation + braces[1];
  }
  if (isBelowBreakLength(ctx, output, 0, base)) {
    return braces[0] + (base ? ' ' + base : '') + ' ' + output.join(', ') + ' ' + braces[1];
  }
  var ind = ' '.repeat(ctx.indentationLvl);
  var ln = base === '' && braces[0].length === 1 ? ' ' : (base ? ' ' + base : '') + '\n' + ind + '  ';
  return braces[0] + ln + output.join(',\n' + ind + '  ') + ' ' + braces[1];
}

// ---- util.format. -------------------------------------------------------------
var builtInConstructors = ['Object', 'Array', 'Error', 'Function', 'Date', 'RegExp', 'Number',
                           'String', 'Boolean', 'Symbol', 'Promise', 'Map', 'Set', 'WeakMap',
                           'WeakSet', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError',
                           'EvalError', 'URIError', 'AggregateError'];

function formatS(arg) {
  if (typeof arg === 'number') return formatNumber(arg);
  if (typeof arg === 'symbol') return symbolToString.call(arg);
  if (typeof arg !== 'object' || arg === null) return String(arg);
  var ctor;
  if (typeof arg.toString === 'function' &&
      (hasOwn.call(arg, 'toString') ||
       ((ctor = arg.constructor) && builtInConstructors.indexOf(ctor.name) === -1 &&
        ctor.prototype && hasOwn.call(ctor.prototype, 'toString')))) {
    return String(arg);
  }
  return inspect(arg, { depth: 0, compact: 3 });
}

function tryStringify(arg) {
  try {
    return JSON.stringify(arg);
  } catch (e) {
    if (e instanceof TypeError && /circular|cyclic/i.test(e.message)) return '[Circular]';
    throw e;
  }
}

function toNumberArg(arg, parse) {
  if (typeof arg === 'symbol') return 'NaN';
  return formatNumber(parse(arg));
}

function format() {
  var args = arguments;
  var first = args[0];
  var a = 0;
  var str = '';
  var join = '';
  if (typeof first === 'string') {
    if (args.length === 1) return first;
    var lastPos = 0;
    for (var i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) !== 37) continue;  // '%'
      var next = first.charCodeAt(++i);
      var piece;
      if (a + 1 !== args.length) {
        switch (next) {
          case 115: piece = formatS(args[++a]); break;  // %s
          case 106: piece = tryStringify(args[++a]); break;  // %j
          case 100: piece = toNumberArg(args[++a], Number); break;  // %d
          case 105: piece = toNumberArg(args[++a], parseInt); break;  // %i
          case 102: piece = toNumberArg(args[++a], parseFloat); break;  // %f
          case 79: piece = inspect(args[++a]); break;  // %O
          case 111: piece = inspect(args[++a], { showHidden: true, depth: 4 }); break;  // %o
          case 99: a++; piece = ''; break;  // %c
          case 37:
            str += first.slice(lastPos, i);
            lastPos = i + 1;
            continue;
          default:
            continue;
        }
        if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
        str += piece;
        lastPos = i + 1;
      } else if (next === 37) {
        str += first.slice(lastPos, i);
        lastPos = i + 1;
      }
    }
    if (lastPos !== 0) {
      a++;
      join = ' ';
      if (lastPos < first.length) str += first.slice(lastPos);
    }
  }
  while (a < args.length) {
    var value = args[a];
    str += join + (typeof value !== 'string' ? inspect(value) : value);
    join = ' ';
    a++;
  }
  return str;
}

I.inspect = inspect;
I.format = format;

// [summary, location, stack] of a thrown value, for C++ (js_error.cc).
// The location is the first frame outside the runtime, so an error thrown
// by __runy.constAssign or an execution timeout inside a coroutine points at
// the user's line.
I.describeError = function (err) {
  if (!isError(err)) {
    var text = inspect(err);
    return [text, '', text];
  }
  var summary = Error.prototype.toString.call(err);
  var stack = err.stack ? cleanStack(err.stack) : summary;
  var location = '';
  var frame = /\n\s+at [^\n]*?\(([^()\n]*):(\d+)\)/.exec(stack);
  if (frame !== null) {
    location = frame[1] + ':' + frame[2];
  } else if (typeof err.fileName === 'string' && err.fileName !== '' && err.lineNumber) {
    location = err.fileName + ':' + err.lineNumber;
  }
  return [summary, location, stack];
};
