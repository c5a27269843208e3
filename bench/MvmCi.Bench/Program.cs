using MvmCi.Bench;

return await BenchCommand.Build(Console.Error).Parse(args).InvokeAsync();
