for (let i = 0; i < 2; i++) {
  for (let j = 0; j < 2; j++) {
    let marker;
    if (j === 0) marker = "set";
    console.log(i, j, marker);
  }
}
