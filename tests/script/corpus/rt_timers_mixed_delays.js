// Timers fire by deadline, then creation order.
const delays = [60, 10, 40, 10, 0, 80, 40, 5];
delays.forEach((d, i) => setTimeout(() => console.log('timer', i, 'delay', d), d));
setTimeout(() => {
  console.log('nested start');
  setTimeout(() => console.log('nested 1'), 1);
  setTimeout(() => console.log('nested 0'), 0);
}, 15);
