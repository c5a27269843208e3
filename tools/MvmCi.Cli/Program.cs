using MvmCi.Cli;

return await MvmCiCli.RunAsync(args, CliSettings.FromConsole());
