// race settles with the first input to settle; later ones are ignored.
const delay = (ms, v, fail) => new Promise((res, rej) => setTimeout(() => (fail ? rej(new Error(v)) : res(v)), ms));
Promise.race([delay(30, 'slow'), delay(5, 'fast')]).then((v) => console.log('race 1:', v));
Promise.race([delay(30, 'slow'), delay(5, 'boom', true)]).catch((e) => console.log('race 2 rejected:', e.message));
Promise.race([3, delay(1, 'timer')]).then((v) => console.log('race 3:', v));
const never = Promise.race([]);
setTimeout(() => console.log('race([]) is', never), 50);
