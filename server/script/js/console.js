// The console object: node's methods for the common cases, each line
// formatted by I.format (inspect.js) and handed to the host's console sink
// through the native I.write(level, text). Levels match ConsoleLevel in
// console.h.
'use strict';

var DEBUG = 0;
var INFO = 1;
var LOG = 2;
var WARN = 3;
var ERROR = 4;

var groupIndent = '';
var counts = {};
var timers = {};

function emit(level, text) {
  if (groupIndent !== '') text = groupIndent + text.replace(/\n/g, '\n' + groupIndent);
  I.write(level, text);
}

function writer(level) {
  return function () { emit(level, I.format.apply(undefined, arguments)); };
}

var console = {};
I.define(console, {
  log: writer(LOG),
  info: writer(INFO),
  debug: writer(DEBUG),
  warn: writer(WARN),
  error: writer(ERROR),
  trace: function trace() {
    var err = new Error(I.format.apply(undefined, arguments));
    err.name = 'Trace';
    emit(ERROR, I.cleanStack(err.stack));
  },
  dir: function dir(value, options) {
    emit(LOG, I.inspect(value, options));
  },
  assert: function assert(condition) {
    if (condition) return;
    var rest = Array.prototype.slice.call(arguments, 1);
    if (typeof rest[0] === 'string') rest[0] = 'Assertion failed: ' + rest[0];
    else rest.unshift('Assertion failed');
    emit(ERROR, I.format.apply(undefined, rest));
  },
  count: function count(label) {
    label = label === undefined ? 'default' : String(label);
    counts[label] = (counts[label] || 0) + 1;
    emit(INFO, label + ': ' + counts[label]);
  },
  countReset: function countReset(label) {
    delete counts[label === undefined ? 'default' : String(label)];
  },
  group: function group() {
    if (arguments.length > 0) emit(LOG, I.format.apply(undefined, arguments));
    groupIndent += '  ';
  },
  groupEnd: function groupEnd() {
    groupIndent = groupIndent.slice(0, Math.max(0, groupIndent.length - 2));
  },
  time: function time(label) {
    timers[label === undefined ? 'default' : String(label)] = I.nowMs();
  },
  timeEnd: function timeEnd(label) {
    label = label === undefined ? 'default' : String(label);
    if (timers[label] === undefined) return;
    emit(INFO, label + ': ' + (I.nowMs() - timers[label]).toFixed(3) + 'ms');
    delete timers[label];
  },
  timeLog: function timeLog(label) {
    label = label === undefined ? 'default' : String(label);
    if (timers[label] === undefined) return;
    emit(INFO, label + ': ' + (I.nowMs() - timers[label]).toFixed(3) + 'ms');
  }
});
I.define(console, { groupCollapsed: console.group });

I.define(global, { console: console });
