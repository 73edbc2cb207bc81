// A timer cancelled by an earlier timer never fires, even when already due.
let victim;
setTimeout(() => { console.log('killer'); clearTimeout(victim); }, 5);
victim = setTimeout(() => console.log('victim (wrong)'), 5);
const later = setTimeout(() => console.log('later (wrong)'), 40);
setTimeout(() => { clearTimeout(later); console.log('cleared later'); }, 10);
setTimeout(() => console.log('end'), 60);
