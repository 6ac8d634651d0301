from schoolwatch.cli.main import main

main()
