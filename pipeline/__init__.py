"""finsam: budgets, goals and arithmetic checks from Swedish samordningsförbund plans."""

__version__ = "0.1.0"
