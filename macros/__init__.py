"""Project logic for the รางวัลเลิศรัฐ knowledge base: plain modules that mkdocs glue calls thinly."""
