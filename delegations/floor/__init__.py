"""Requests for the floor: delegations ask to speak in a part that accepts interventions.

An accredited delegation's focal point asks for the floor for one of its members, with a
floor language and a topic, and sees its place in the part's list. The secretariat orders
each list (order of request, order of precedence, or by hand), sets the time limit of each
intervention and accepts or declines. An accepted request becomes a confirmed speaker slot
of the part, so the agenda's clock times and the run-of-show include it; withdrawing or
declining an accepted request removes the slot again.
"""
