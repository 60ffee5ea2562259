import ProvidentCLI

Gjj.mainEntry()
