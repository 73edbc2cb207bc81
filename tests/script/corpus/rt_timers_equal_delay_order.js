// Timers with the same delay fire in creation order; 0 and 1 ms are the same.
[0, 1, 2, 3, 4].forEach((i) => setTimeout(() => console.log('ten', i), 100));
setTimeout(() => console.log('one'), 1);
setTimeout(() => console.log('zero'), 0);
setTimeout(() => console.log('negative'), -5);
setTimeout(() => console.log('nan'), NaN);
setTimeout(() => console.log('string 50'), '50');
