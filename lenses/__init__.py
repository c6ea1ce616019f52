"""Lenses bundled with transition, shipped as package data.

This folder holds data only. It is a package so that ``importlib.resources`` finds it
in a wheel and in an editable install alike, as ``transition.rubrics`` is.
"""
