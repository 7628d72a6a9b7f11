"""The help directory as open data: a read-only Open Referral UK (ORUK) 3.0 API.

``oruk`` maps our models onto the standard's documents, ``params`` reads and checks the query
parameters, ``views`` answers the requests and ``openapi`` describes what is implemented.
"""
