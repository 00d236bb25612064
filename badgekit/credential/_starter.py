"""The commented starter file of ``badgekit achievement new`` (not public API)."""

from __future__ import annotations

__all__ = ["STARTER"]

STARTER = r'''# badgekit achievement file: one badge (an Open Badges 3.0 "Achievement").
#
# Edit the values below, then check the badge with:
#     badgekit achievement check THIS_FILE.toml
# Lines starting with "#" are comments. Text goes in "quotes"; long text in """triple quotes""".

# The badge's name, as earners and employers will see it.
name = "Python Basics"

# One or two sentences: what does holding this badge say about the earner?
description = """
The earner can write, run and debug short Python programs that use variables, \
conditions, loops and functions."""

# What kind of credential this is: Badge, Certificate, MicroCredential, Course, Competency,
# Award, Assessment, ... or your own as "ext:YourType".
achievement_type = "Badge"

# Keywords that help people find the badge.
tags = ["python", "programming", "beginner"]

# How long an award stays valid: "2 years", "18 months", "90 days", "P2Y", or "never".
valid_for = "2 years"

# A permanent web address for this badge. Leave it out and badgekit makes a stable id
# from the issuer and the badge name.
# id = "https://example.org/badges/python-basics"

[criteria]
# What must a learner do, and what evidence must they hand in? (Markdown is fine.)
narrative = """
To earn this badge, the learner must:

1. **Complete** the six Python Basics exercises.
2. **Submit** a small program of their own (at least 30 lines) that reads input, \
uses a loop and a function, and prints a result.
3. **Demonstrate** the program to the teacher and explain how it works.
"""
# A web page with the full criteria (optional):
# url = "https://example.org/badges/python-basics/criteria"

[image]
# Alt text: describe the picture for people who cannot see it.
caption = "A round blue badge with a white Python snake and the words Python Basics"
# The artwork is given when the badge is issued (badgekit issue --image ...) and goes into
# the credential with this caption. To name it here instead, give a file next to this one or
# a web address:
# path = "python-basics.png"
# url = "https://example.org/badges/python-basics.png"

[issuer]
# Who awards the badge.
name = "Example School"
url = "https://example.org"
# email = "badges@example.org"
# description = "A school that teaches programming."
# The issuer id. Leave it out and the signing key's did:key is used.
# id = "https://example.org/issuer"

# Link the badge to standards or competency frameworks (repeat the block for more).
[[alignment]]
target_name = "Use variables, conditions and loops"
target_url = "https://example.org/curriculum/computing/programming-basics"
target_framework = "Example School Computing Curriculum"
target_code = "CS-1.2"
# target_description = "Write programs that use sequence, selection and repetition."

# Artwork design for `badgekit design` (a design file path or an inline table):
# design = "python-basics.design.toml"
'''
