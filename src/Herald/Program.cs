using Herald.Cli;

return await HeraldCommandLine.InvokeAsync(args);
