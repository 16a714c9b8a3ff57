"""Data governance over the zone stores: who may read a zone's raw data from where (the
residency guard), and data-subject requests (find, export, erase, purge).

It sits on the store, above the privacy stage: ``chuhai.privacy`` pseudonymises and redacts
records on their way in and never opens a store itself.
"""
