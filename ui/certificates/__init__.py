"""The "Certificates and reports" area's tabs: the certificate register and the template editor with its preview."""
