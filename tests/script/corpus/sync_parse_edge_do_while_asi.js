let i = 0
do i++; while (i < 3) console.log("after do-while", i)
