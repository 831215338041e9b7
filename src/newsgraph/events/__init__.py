"""CAMEO event coding: the codebook (cameo) and the coder stage (coder), built from patterns, parties,
triggers, frames, clauses, anchoring and selection."""
