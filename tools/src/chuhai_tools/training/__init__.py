"""Training the shipped heads (``chuhai models train``) and the fast tier's static embedding
(``chuhai models distill``)."""
