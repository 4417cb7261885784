"""deckgen: Markdown and YAML content files to branded PowerPoint and reveal.js decks."""

__version__ = "0.1.0"
