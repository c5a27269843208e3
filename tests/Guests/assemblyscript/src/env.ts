// Prints GREETING and ANSWER from the job's env, then whether HOME and PATH leaked in from the host.
const env = process.env;
console.log("GREETING=" + (env.has("GREETING") ? env.get("GREETING") : "<unset>"));
console.log("ANSWER=" + (env.has("ANSWER") ? env.get("ANSWER") : "<unset>"));
console.log(env.has("HOME") ? "HOME present" : "HOME absent");
console.log(env.has("PATH") ? "PATH present" : "PATH absent");
