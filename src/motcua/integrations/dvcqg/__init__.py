"""The national public-service portal (Cổng DVCQG): dossier synchronisation (REGULATION.md §4.1,
docs/dvcqg-sync.md). `payload` builds what is sent, `client` sends it, `mapping` holds the codes.
"""
