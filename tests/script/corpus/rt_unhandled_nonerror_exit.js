// An async function rejecting without a handler ends the program (exit code 1).
async function failLater() {
  await new Promise((r) => setTimeout(r, 5));
  console.log('about to reject');
  throw { reason: 'not an Error' };
}
failLater();
setTimeout(() => console.log('never'), 50);
