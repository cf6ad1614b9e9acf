"""banwatch: screen records against government restrictions on technology vendors."""

__version__ = "0.1.0"
