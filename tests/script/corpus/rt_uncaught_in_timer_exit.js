// An exception thrown by a timer callback ends the program with exit code 1.
setTimeout(() => console.log('first timer'), 1);
setTimeout(() => { console.log('about to throw'); throw new Error('timer failure'); }, 5);
setTimeout(() => console.log('never printed'), 30);
