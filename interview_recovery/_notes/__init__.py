"""The thank-you note and the distraction message, drafted from decisions and phrasings."""
