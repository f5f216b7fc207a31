"""The demo shop: its data (`data`), its pictures (`drawing`) and the loader (`loader`)."""
