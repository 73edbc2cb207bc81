// allSettled reports every outcome in input order.
Promise.allSettled([Promise.resolve(1), Promise.reject('no'), 3, new Promise((r) => setTimeout(() => r('late'), 5))])
  .then((results) => {
    console.log(results);
    console.log(results.map((r) => r.status).join(','));
  });
