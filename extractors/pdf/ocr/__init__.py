"""Scanned pages: rendering, cleaning, rulings, word boxes and number repairs for tesseract's
words."""
