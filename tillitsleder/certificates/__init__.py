"""Certificates (kursbevis): templates, issuing, the register, verification and the PDF itself."""
