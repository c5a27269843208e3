// Prints argv[1..] joined by spaces, then the sum of the arguments read as integers (a non-number
// reads as 0), and exits with 4 when one argument is --fail.
const rest = process.argv.slice(1);
console.log(rest.join(" "));
let sum: i32 = 0;
for (let i = 0; i < rest.length; i++) {
  sum += I32.parseInt(rest[i]);
}
console.log("sum " + sum.toString());
if (rest.includes("--fail")) process.exit(4);
