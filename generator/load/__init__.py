"""Load: content files → documents with positions (tree walk, front matter split, safe YAML, parse cache).

The first stage: it reads the disk and knows nothing of what the fields mean.
"""
