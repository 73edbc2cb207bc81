// console.log format directives and argument joining.
console.log('%s and %s', 'one', 'two', 'three');
console.log('%d%% done', 50);
console.log('%i items, %f ratio', 3.9, '0.25');
console.log('%j', { a: [1, 'b'] });
console.log('%s', null, undefined, 5, true);
console.log('%o vs %O', 'x', { k: 'v' });
console.log('literal %', 'next');
console.log('%x unknown', 1);
console.log();
console.log('', 'empty first');
console.log(1, 'two', [3], { four: 4 }, null);
console.info('info goes to stdout');
console.debug('debug goes to stdout');
console.warn('warn goes to stderr');
console.error('error goes to stderr');
