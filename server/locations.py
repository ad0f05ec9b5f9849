"""Where Streamlit's static files are, and where this install keeps their compressed forms."""

import sys
from importlib import metadata, util
from pathlib import Path

STATIC_DIR = Path(util.find_spec("streamlit").submodule_search_locations[0]) / "static"
COMPRESSED_DIR = (
    Path(sys.prefix) / "share" / "brechas-digitales" / f"streamlit-{metadata.version('streamlit')}"
)
"""One folder per Streamlit version, inside the environment: a new version compresses anew."""
