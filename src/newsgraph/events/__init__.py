"""CAMEO event coding: codebook (cameo), actor fallback (actors), the coder stage (coder)."""
