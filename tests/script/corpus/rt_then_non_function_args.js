// Non-function handlers pass values and reasons through.
Promise.resolve('value').then(null).then(undefined, 5).then('str').then((v) => console.log('passed:', v));
Promise.reject(new Error('reason')).then(() => console.log('wrong')).then(1, null)
  .catch((e) => console.log('reason passed:', e.message));
Promise.resolve(1).then(2).catch(3).finally(4).then((v) => console.log('finally passthrough', v));
