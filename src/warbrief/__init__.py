"""warbrief: turn a day's raw war news into a daily, source-cited briefing."""

__version__ = "0.1.0"
