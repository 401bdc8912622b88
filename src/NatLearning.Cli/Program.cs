return NatLearning.Cli.NatLearnCommand.Run(args);
